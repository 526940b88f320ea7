import { describe, expect, it } from 'vitest'
import { checkSecrecy, readNumeral, secrecyForm } from './secrecy.js'

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

/**
 * Look-alike spellings of a grade or a 文号 that a person could type to get around the guard
 * (issue 12 listed 26; 13 got through before normalisation). Each must be refused, with the
 * reason naming the canonical word or number.
 */
const LOOK_ALIKES: ReadonlyArray<[string, string, string]> = [
  ['zero-width space inside 机密', '机\u200b密文件', '内容含「机密」字样'],
  ['zero-width non-joiner', '机\u200c密', '内容含「机密」字样'],
  ['zero-width joiner', '绝\u200d密', '内容含「绝密」字样'],
  ['left-to-right mark', '秘\u200e密', '内容含「秘密」字样'],
  ['right-to-left override', '机\u202e密', '内容含「机密」字样'],
  ['word joiner', '机\u2060密', '内容含「机密」字样'],
  ['invisible separator', '机\u2063密', '内容含「机密」字样'],
  ['byte-order mark', '机\ufeff密', '内容含「机密」字样'],
  ['soft hyphen', '机\u00ad密', '内容含「机密」字样'],
  ['variation selector', '机\ufe0f密', '内容含「机密」字样'],
  ['a full stop between', '机.密', '内容含「机密」字样'],
  ['a middle dot between', '机·密', '内容含「机密」字样'],
  ['a full-width full stop between', '机．密', '内容含「机密」字样'],
  ['an enumeration comma between', '机、密', '内容含「机密」字样'],
  ['a hyphen and spaces between', '机 - 密', '内容含「机密」字样'],
  ['an ideographic space between', '秘\u3000密', '内容含「秘密」字样'],
  ['an emoji between', '绝😀密', '内容含「绝密」字样'],
  ['spaces inside 内部资料', '内 部 资 料', '内容含「内部资料」字样'],
  ['traditional 機密', '機密文件', '内容含「机密」字样'],
  ['traditional 絕密', '絕密', '内容含「绝密」字样'],
  ['Japanese 絶密', '絶密', '内容含「绝密」字样'],
  ['variant 祕密', '祕密', '内容含「秘密」字样'],
  ['the circled ideograph ㊙密', '㊙密', '内容含「秘密」字样'],
  ['traditional 內部資料', '內部資料', '内容含「内部资料」字样'],
  ['mixed 内部資料', '内部資料请勿外传', '内容含「内部资料」字样'],
  ['traditional and a zero-width space', '機\u200b密', '内容含「机密」字样'],
  ['traditional and a middle dot', '絕·密', '内容含「绝密」字样'],
  ['a Chinese-numeral year', '〔二〇二六〕15号', '内容含文号「〔2026〕15号」'],
  ['a Chinese-numeral year and serial', '〔二〇二六〕十五号', '内容含文号「〔2026〕15号」'],
  ['a year with 零 and a digit-by-digit serial', '〔二零二六〕一五号', '内容含文号「〔2026〕15号」'],
  ['a Chinese-numeral serial over a hundred', '[2026]一百零二号', '内容含文号「[2026]102号」'],
  ['traditional 號', '（2026）15號', '内容含文号「(2026)15号」'],
  ['small-form brackets ﹝﹞', '﹝2026﹞15号', '内容含文号「〔2026〕15号」'],
  ['【】 with 第', '【2026】第15号', '内容含文号「【2026】第15号」'],
  ['a zero-width space inside a 文号', '〔2026〕\u200b15号', '内容含文号「〔2026〕15号」'],
  ['YYYY年第N号文件', '2026年第15号文件', '内容含文号「2026年第15号」'],
  ['YYYY年第N号', '按2026年第15号执行', '内容含文号「2026年第15号」'],
  ['YYYY年第N号 in Chinese numerals', '二〇二六年第十五号文件', '内容含文号「2026年第15号」'],
  ['YYYY年第N号 in full-width digits with spaces', '２０２６ 年 第 １５ 号', '内容含文号「2026年第15号」'],
]

describe('checkSecrecy against look-alike spellings', () => {
  it('GIVEN the table THEN it holds at least the 26 variants of the issue', () => {
    expect(LOOK_ALIKES.length).toBeGreaterThanOrEqual(26)
  })

  it.each(LOOK_ALIKES)('GIVEN %s THEN it is refused', (_what, text, reason) => {
    expect(checkSecrecy(text)).toEqual({ ok: false, reason })
  })

  it.each([
    ['机构', '机关党委各机构负责人参加'],
    ['秘书', '请各支部秘书报送材料'],
    ['内部装修', '党群服务中心内部装修，暂停开放'],
    ['内部 and 资料 apart', '内部学习，资料自备'],
    ['密码', '请修改系统密码'],
    ['手機密碼 in traditional characters (手机 + 密码)', '請勿透露手機密碼'],
    ['司机、密切 across a comma (司机 + 密切)', '请各位司机、密切关注路况'],
    ['a numbered sports meeting', '2026年第15届运动会报名开始'],
    ['a building number', '地点：第3号楼'],
    ['a day of the month', '15号上午开会'],
    ['a date with 年 and 号', '2026年3月15号开会'],
    ['a typhoon number', '注意防范2026年第3号台风'],
    ['a bracketed year without 号', '《条例》（二〇一九年修订）'],
    ['a bracketed non-year', '〔十五〕号楼'],
    ['绝对 then 密切 across a sentence', '绝对。密切联系群众'],
  ])('GIVEN the ordinary sentence %s THEN it may be posted', (_what, text) => {
    expect(checkSecrecy(text)).toEqual({ ok: true })
  })

  it.each([
    ['机\u200b密', '机密'],
    ['［２０２６］', '[2026]'],
    ['機密內部資料', '机密内部资料'],
    ['\u00ad秘\ufeff', '秘'],
  ])('GIVEN %j THEN the form searched is %j', (text, form) => {
    expect(secrecyForm(text)).toBe(form)
  })

  it.each<[string, number | null]>([
    ['2026', 2026],
    ['二〇二六', 2026],
    ['一五', 15],
    ['十五', 15],
    ['二十', 20],
    ['一百〇二', 102],
    ['三千', 3000],
    ['二三十', null],
    ['百五', null],
    ['十十', null],
    ['五十十', null],
  ])('GIVEN the numeral %s THEN it reads %s', (text, value) => {
    expect(readNumeral(text)).toBe(value)
  })
})
