/** What `npm run simulator` prints for each hosted bot account: where to look and how a bot connects. */
export const simulatorHostTexts = {
  account: (p: { number: number; url: string; endpoint: string; token: string }) =>
    [
      ``,
      `模拟微信账号 ${p.number}：${p.url}`,
      `  机器人这样连接（写进它的 .env）：`,
      `  WECHATY_PUPPET=wechaty-puppet-service`,
      `  WECHATY_PUPPET_SERVICE_ENDPOINT=${p.endpoint}`,
      `  WECHATY_PUPPET_SERVICE_TOKEN=${p.token}`,
      `  WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT=true`,
    ].join('\n'),
}
