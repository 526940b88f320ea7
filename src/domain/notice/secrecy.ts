/**
 * The secrecy guard (涉密不上网): nothing classified goes into WeChat. 《中华人民共和国保守国家秘密法》
 * 第十三条 grades state secrets 绝密、机密、秘密; an official document number (文号, 〔2026〕15号,
 * GB/T 9704-2012 《党政机关公文格式》 7.2.4) marks a formal document that belongs in official
 * channels, not in a chat group. A notice that looks like either is refused with the reason.
 *
 * Pure: no I/O, no clock. Deliberately conservative: a false alarm costs the officer a rephrase,
 * a miss puts a secret on the internet. So the text is normalised before it is searched (see
 * `secrecyForm`): a grade spelled around with invisible characters, punctuation, traditional
 * characters or Chinese numerals is still the grade.
 */
import { noticeTexts } from '../../texts/notice.texts.js'

export type SecrecyCheck = { ok: true } | { ok: false; reason: string }

/** The grades of state secrets, and the marking of internal papers. 保密 alone (保密意识教育) is not here: it is about secrecy, not a secret. */
const SECRET_WORDS = ['绝密', '机密', '秘密', '内部资料'] as const

/**
 * Ordinary words that contain a grade by accident: 手机密码 holds 机密 (手机 + 密码), 拒绝密码 holds
 * 绝密, 揭秘密码 holds 秘密. A grade is let through only when BOTH the character before it forms a
 * word with its first character (手机, 拒绝, 揭秘) AND its 密 starts a word with the next character
 * (密码, 密切): either half alone (机密码, 手机密件) is still refused.
 */
const WORD_BEFORE = new Map<string, string>([
  // 手机 飞机 司机 耳机 相机 电机 主机 登机 乘机 时机 危机 客机 战机 专机 单机 计算机 录音机 动机 随机 投机 转机 契机 心机 玄机 生机
  ['机', '手飞司耳相电主登乘时危客战专单算音动随投转契心玄生'],
  // 拒绝 杜绝 断绝 谢绝 隔绝 灭绝 根绝 回绝 卓绝 决绝 冠绝
  ['绝', '拒杜断谢隔灭根回卓决冠'],
  // 揭秘 奥秘 神秘 便秘 探秘
  ['秘', '揭奥神便探'],
])
/** 密码 密切 密集 密度 密钥 密封 密布 密林 密友 */
const WORD_AFTER_MI = '码切集度钥封布林友'

/**
 * Traditional and variant forms of the characters the guard reads, to their simplified form:
 * 機密 絕密 祕密 內部資料, Japanese 絶, 號 in a 文号, and the 碼/鑰 of the accidental words.
 * NFKC already folds full-width forms, compatibility ideographs, Kangxi radicals and ㊙ (→ 秘).
 */
const SIMPLIFIED = new Map<string, string>([
  ['機', '机'], ['絕', '绝'], ['絶', '绝'], ['祕', '秘'], ['內', '内'], ['資', '资'], ['號', '号'], ['零', '〇'], ['○', '〇'],
  // the accidental words, so that 手機密碼 reads as 手机密码
  ['碼', '码'], ['鑰', '钥'], ['謝', '谢'], ['斷', '断'], ['滅', '灭'], ['決', '决'], ['電', '电'], ['時', '时'],
  ['專', '专'], ['單', '单'], ['動', '动'], ['隨', '随'], ['轉', '转'], ['飛', '飞'], ['奧', '奥'],
])

/**
 * Characters nobody sees that can be slipped inside a word: every format character (category Cf:
 * zero-width space/joiners U+200B–U+200F, word joiner and invisible operators U+2060–U+2064, BOM
 * U+FEFF, soft hyphen U+00AD, bidi controls), variation selectors, the combining grapheme joiner,
 * combining marks, and the Hangul fillers that render as blanks.
 */
const INVISIBLE = /[\p{Cf}\p{M}\uFE00-\uFE0F\u034F\u115F\u1160\u3164\uFFA0]/gu

/** Anything that is not a letter or a digit between two CJK characters: 机.密, 机·密, 机 密, 机、密, 机😀密. */
const GAP_BETWEEN_HAN = /(\p{Script=Han})[^\p{L}\p{N}]+(?=\p{Script=Han})/gu

/**
 * The form the guard searches: NFKC (full-width ［２０２６］ → [2026], ﹝ → 〔, compatibility
 * ideographs → unified), invisible characters removed, traditional forms simplified. Brackets and
 * punctuation stay, since a 文号 is read from them. Exported for its table test.
 */
export function secrecyForm(text: string): string {
  const folded = text.normalize('NFKC').replace(INVISIBLE, '')
  return Array.from(folded, (ch) => SIMPLIFIED.get(ch) ?? ch).join('')
}

/** Whether the text may go into a chat group; if not, the reason (Chinese, shown to the officer). */
export function checkSecrecy(text: string): SecrecyCheck {
  const form = secrecyForm(text)
  // Spaces, line breaks and punctuation could split a word (机 密, 机.密): look with them taken out.
  const flat = form.replace(/\s+/g, '').replace(GAP_BETWEEN_HAN, '$1')
  for (const word of SECRET_WORDS) {
    for (let at = flat.indexOf(word); at >= 0; at = flat.indexOf(word, at + 1)) {
      if (!isAccidental(flat, word, at)) return { ok: false, reason: noticeTexts.secretWord({ word }) }
    }
  }
  const number = findDocumentNumber(form)
  if (number) return { ok: false, reason: noticeTexts.secretDocNumber({ number }) }
  return { ok: true }
}

function isAccidental(flat: string, word: string, at: number): boolean {
  if (word.length !== 2 || !word.endsWith('密')) return false
  const before = flat[at - 1]
  const after = flat[at + 2]
  if (before === undefined || after === undefined) return false
  return (WORD_BEFORE.get(word[0]!) ?? '').includes(before) && WORD_AFTER_MI.includes(after)
}

/** A number as written in a 文号: Arabic digits, digit-by-digit Chinese (二〇二六, 一五) or counted Chinese (十五, 一百零二). */
const NUMERAL = '[0-9〇一二三四五六七八九十百千两]+'
const OPEN = '[〔\\[(【〖]'
const CLOSE = '[〕\\])】〗]'

/**
 * 文号 (GB/T 9704-2012 7.2.4): the year in brackets, then the serial number and 号: 〔2026〕15号,
 * [2026]第15号, (二〇二六)十五号. Also the year-and-serial form of numbered papers and
 * announcements, 2026年第15号 and 2026年第15号文件. Not 2026年第15届, 第3号楼 or 15号上午
 * (no year), and not 2026年第3号台风: typhoons are numbered the same way and are public.
 */
const BRACKETED = new RegExp(`(${OPEN})\\s*(${NUMERAL})\\s*(${CLOSE})\\s*(第?)\\s*(${NUMERAL})\\s*号`, 'gu')
const YEAR_FORM = new RegExp(`(${NUMERAL})\\s*年\\s*第\\s*(${NUMERAL})\\s*号(?!\\s*台风)`, 'gu')

/** The first 文号 in the text, written canonically (〔2026〕15号), or null. */
function findDocumentNumber(form: string): string | null {
  for (const m of form.matchAll(BRACKETED)) {
    const year = readNumeral(m[2]!)
    const serial = readNumeral(m[5]!)
    if (isYear(year) && serial !== null && serial > 0) return `${m[1]}${year}${m[3]}${m[4]}${serial}号`
  }
  for (const m of form.matchAll(YEAR_FORM)) {
    const year = readNumeral(m[1]!)
    const serial = readNumeral(m[2]!)
    if (isYear(year) && serial !== null && serial > 0) return `${year}年第${serial}号`
  }
  return null
}

function isYear(year: number | null): year is number {
  return year !== null && year >= 1900 && year <= 2099
}

const DIGITS = new Map<string, number>([...'〇一二三四五六七八九'].map((ch, i) => [ch, i] as const))
DIGITS.set('两', 2)
const UNITS = new Map<string, number>([['十', 10], ['百', 100], ['千', 1000]])

/**
 * Reads 2026, 二〇二六 (digit by digit), 十五, 二十, 一百零二 (counted, where 零 was folded to 〇);
 * null for anything else (十十, 5十). At most 5 digits: a 文号 serial is never longer.
 */
export function readNumeral(text: string): number | null {
  if (/^[0-9]{1,5}$/.test(text)) return Number(text)
  if (/^[〇一二三四五六七八九两]{1,5}$/.test(text) && !text.includes('两')) {
    return Number(Array.from(text, (ch) => DIGITS.get(ch)).join(''))
  }
  let total = 0
  let digit: number | null = null
  let lastUnit = Infinity
  for (const ch of text) {
    const d = DIGITS.get(ch)
    if (d !== undefined) {
      if (digit !== null && d !== 0) return null // 二三十: two digits in a row in a counted number
      digit = d === 0 ? null : d
      continue
    }
    const unit = UNITS.get(ch)
    if (unit === undefined || unit >= lastUnit) return null
    total += (digit ?? (total === 0 && unit === 10 ? 1 : Number.NaN)) * unit // 十五 = 15, but 百五 is not a number
    if (Number.isNaN(total)) return null
    digit = null
    lastUnit = unit
  }
  return total + (digit ?? 0)
}
