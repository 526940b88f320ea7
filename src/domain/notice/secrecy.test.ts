import { describe, expect, it } from 'vitest'
import { checkSecrecy } from './secrecy.js'

describe('checkSecrecy (涉密不上网)', () => {
  it.each([
    ['a grade of state secret: 秘密', '关于秘密文件传阅的通知', '内容含「秘密」字样'],
    ['机密', '机密件请到支部办公室阅看', '内容含「机密」字样'],
    ['绝密', '绝密★长期', '内容含「绝密」字样'],
    ['内部资料', '附件为内部资料，请勿外传', '内容含「内部资料」字样'],
    ['a grade split by a space', '请阅 机 密 材料', '内容含「机密」字样'],
    ['a grade split by a line break', '以下为机\n密内容', '内容含「机密」字样'],
    ['a grade in a denial: still refused, conservative', '这不是秘密', '内容含「秘密」字样'],
    ['秘密集会: 集 follows but 秘 has no word before it', '禁止秘密集会', '内容含「秘密」字样'],
    ['机密码: 密码 follows but 机 has no word before it', '机密码本', '内容含「机密」字样'],
    ['手机密件: 手机 before but 密件 is no ordinary word', '手机密件', '内容含「机密」字样'],
    ['a second grade after an accidental one', '手机密码请保管好，机密材料不得拍照', '内容含「机密」字样'],
    ['文号 in 六角括号 〔〕', '请学习中组发〔2026〕15号文件精神', '内容含文号「〔2026〕15号」'],
    ['文号 in half-width square brackets []', '参照[2026]15号执行', '内容含文号「[2026]15号」'],
    ['文号 in half-width round brackets ()', '依据(2026)15号文', '内容含文号「(2026)15号」'],
    ['文号 in full-width square brackets ［］ (before normalisation)', '依据［２０２６］１５号文', '内容含文号「[2026]15号」'],
    ['文号 in full-width round brackets （）', '依据（2026）15号文', '内容含文号「(2026)15号」'],
    ['文号 in 【】', '京组通【2025】3号', '内容含文号「【2025】3号」'],
    ['文号 with 第 and spaces', '〔 2024 〕 第 12 号', '内容含文号「〔2024〕第12号」'],
  ])('GIVEN %s THEN it is refused with the reason', (_what, text, reason) => {
    expect(checkSecrecy(text)).toEqual({ ok: false, reason })
  })

  it.each([
    ['保密 alone: about secrecy, not a secret', '下周开展保密意识教育，请全体党员参加'],
    ['保密工作', '做好保密工作，手机不得连接涉密计算机'],
    ['手机密码 (手机 + 密码)', '请勿向他人透露手机密码'],
    ['随机密码 (随机 + 密码)', '系统已发送随机密码'],
    ['杜绝密集 (杜绝 + 密集)', '杜绝密集聚集'],
    ['拒绝密切 (拒绝 + 密切)', '拒绝密切接触'],
    ['揭秘密码 (揭秘 + 密码)', '揭秘密码学的历史'],
    ['神秘 alone', '神秘嘉宾将到场'],
    ['a year in brackets without 号', '学习《条例》(2019)修订版'],
    ['a room number with 号', '地点：3号会议室(2026年新装修)'],
    ['a date', '2026年12月15号下午开会'],
    ['a three-digit number in brackets', '(202)15号楼'],
    ['an ordinary notice', '本周五下午3点在党群服务中心开支部党员大会，请准时参加。'],
  ])('GIVEN %s THEN it may be posted', (_what, text) => {
    expect(checkSecrecy(text)).toEqual({ ok: true })
  })
})
