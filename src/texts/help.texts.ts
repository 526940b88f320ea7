/** 帮助: the list of commands and one command's form. */
export const helpTexts = {
  header: () => '你可以使用的命令：',
  line: (p: { usage: string; summary: string }) => `· ${p.usage}  ${p.summary}`,
  footer: () => '发送「帮助 <命令>」查看格式和例子。',
  privateFooter: () => '群里的命令（报名、签到等）请在群里发送「帮助」查看。',
  detail: (p: { usage: string; summary: string; example: string; aliases: string }) =>
    `${p.summary}\n格式：${p.usage}\n例如：${p.example}${p.aliases ? `\n也可以说：${p.aliases}` : ''}`,
  unknown: (p: { name: string }) => `没有「${p.name}」这个命令。发送「帮助」查看全部。`,
}
