/**
 * The secrecy guard (涉密不上网): nothing classified goes into WeChat. 《中华人民共和国保守国家秘密法》
 * 第十三条 grades state secrets 绝密、机密、秘密; an official document number (文号, 〔2026〕15号,
 * GB/T 9704-2012 《党政机关公文格式》 7.2.4) marks a formal document that belongs in official
 * channels, not in a chat group (domain.md). A notice that looks like either is refused with the reason.
 *
 * Pure: no I/O, no clock. Deliberately conservative: a false alarm costs the officer a rephrase,
 * a miss puts a secret on the internet.
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
const WORD_BEFORE: Record<string, readonly string[]> = {
  // 手机 飞机 司机 耳机 相机 电机 主机 登机 乘机 时机 危机 客机 战机 专机 单机 计算机 录音机 动机 随机 投机 转机 契机 心机 玄机 生机
  机: ['手', '飞', '司', '耳', '相', '电', '主', '登', '乘', '时', '危', '客', '战', '专', '单', '算', '音', '动', '随', '投', '转', '契', '心', '玄', '生'],
  // 拒绝 杜绝 断绝 谢绝 隔绝 灭绝 根绝 回绝 卓绝 决绝 冠绝
  绝: ['拒', '杜', '断', '谢', '隔', '灭', '根', '回', '卓', '决', '冠'],
  // 揭秘 奥秘 神秘 便秘 探秘
  秘: ['揭', '奥', '神', '便', '探'],
}
/** 密码 密切 密集 密度 密钥 密封 密布 密林 密友 */
const WORD_AFTER_MI = ['码', '切', '集', '度', '钥', '封', '布', '林', '友']

/** 文号: a four-digit year in brackets, then the serial number and 号, e.g. 〔2026〕15号, [2026]15号, (2026)第15号. */
const DOC_NUMBER = /[〔\[(【﹝［（]\s*((?:19|20)\d{2})\s*[〕\])】﹞］）]\s*第?\s*(\d{1,5})\s*号/

/**
 * Phone keyboards type full-width forms (［２０２６］), and the text may arrive before or after the
 * dispatcher's normalisation: compare on the half-width form. 〔〕 have no half-width form and stay.
 */
function canonical(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
}

/** Whether the text may go into a chat group; if not, the reason (Chinese, shown to the officer). */
export function checkSecrecy(text: string): SecrecyCheck {
  // Spaces and line breaks could split a word (机 密): look for the words with them taken out.
  const flat = canonical(text).replace(/[\s\u3000\u00A0]+/g, '')
  for (const word of SECRET_WORDS) {
    for (let at = flat.indexOf(word); at >= 0; at = flat.indexOf(word, at + 1)) {
      if (!isAccidental(flat, word, at)) return { ok: false, reason: noticeTexts.secretWord({ word }) }
    }
  }
  const doc = DOC_NUMBER.exec(canonical(text))
  if (doc) return { ok: false, reason: noticeTexts.secretDocNumber({ number: doc[0].replace(/\s+/g, '') }) }
  return { ok: true }
}

function isAccidental(flat: string, word: string, at: number): boolean {
  if (word.length !== 2 || !word.endsWith('密')) return false
  const before = flat[at - 1]
  const after = flat[at + 2]
  return before !== undefined && after !== undefined && (WORD_BEFORE[word[0]!] ?? []).includes(before) && WORD_AFTER_MI.includes(after)
}
