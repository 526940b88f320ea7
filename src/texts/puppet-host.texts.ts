/** What `npm run simulator` prints: the page, then for each hosted bot account how a bot connects. */
export const simulatorHostTexts = {
  page: (p: { url: string; count: number }) =>
    `\n模拟微信（网页与接口，${p.count} 个机器人账号同在一个世界）：${p.url}`,
  account: (p: { number: number; name: string; url: string; endpoint: string; token: string }) =>
    [
      ``,
      `模拟微信账号 ${p.number}：${p.url} （${p.name}）`,
      `  机器人这样连接（写进它的 .env，或放在命令前）：`,
      `  WECHATY_PUPPET=wechaty-puppet-service`,
      `  WECHATY_PUPPET_SERVICE_ENDPOINT=${p.endpoint}`,
      `  WECHATY_PUPPET_SERVICE_TOKEN=${p.token}`,
      `  WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true`,
    ].join('\n'),
}
