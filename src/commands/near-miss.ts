/**
 * What to do with a group message that is not an exact command. Members type `我要报名`, `报名了`,
 * `好的，收到`, `+1` or `报明` and believe the bot heard them; silence there means a sign-up or an
 * acknowledgement that never happened. Ordinary chat must still get no answer, so every rule below
 * is narrow: short messages only, a whitelist of fillers, no questions, no negations.
 *
 * Call it only after `splitCommand` found no command. Pure: the caller supplies the command words
 * and what it knows about the member (a notice awaiting their 收到, how many activities are open).
 */
import { normalizeText } from './grammar.js'

/** Only short messages are read; a longer sentence that contains a command word is chat. */
export const NEAR_MISS_MAX_CHARS = 12

export interface CommandWords {
  name: string
  aliases?: readonly string[]
}

export interface NearMissContext {
  /** A notice in this group awaits this member's 收到. */
  awaitingAck: boolean
  /** Activities open for sign-up in this group. */
  openActivities: number
}

export type NearMiss =
  /** Run command `word` (its canonical name) with `rest` as its arguments. */
  | { kind: 'run'; word: string; rest: string }
  /** `+1` while several activities are open: ask which one (reply lists them with their #n). */
  | { kind: 'ask'; word: string }
  /** Answer one line: 你是想发「word」吗？ Nothing is run. */
  | { kind: 'suggest'; word: string }
  | { kind: 'none' }

const NONE: NearMiss = { kind: 'none' }
const ACK = '收到'
const SIGN_UP = '报名'
const CANCEL_SIGN_UP = '取消报名'

/** Words said before a command that do not change it: 我要报名, 好的，我也参加, 麻烦帮我签到. */
const PREFIX_FILLERS = [
  '我要', '我想', '我也要', '我也想', '我也', '我来', '我先', '我就', '我',
  '那我', '那就', '那', '好的', '好滴', '好', '嗯嗯', '嗯', 'ok', 'OK', 'Ok',
  '帮我', '请帮我', '麻烦帮我', '麻烦', '申请', '俺', '本人', '要',
  // 已签到 / 已经报名了: the member believes it is done; running it makes the record agree (or says it already does).
  '已经', '已',
]
/** Words said after a command that do not change it: 报名了, 请假一下, 签到啦. */
const SUFFIX_FILLERS = ['了', '啦', '哈', '哦', '噢', '呀', '一下下', '一下', '下', '一个', '喽', '咯']
/** Courtesies around an acknowledgement: 好的，收到，谢谢 / ok收到 / 收到👌. */
const ACK_COURTESIES = ['好的', '好滴', '好嘞', '好', '嗯嗯', '嗯', 'ok', 'OK', 'Ok', '谢谢', '感谢', '多谢', '辛苦了', '明白', '了解']
/** The acknowledgement itself, as people write it (收悉 and 已阅 are the formal replies to a notice). */
const ACK_CORES = ['已收到', '收到了', '收到啦', '收到', '已收悉', '收悉', '已阅']
/** `+1` in its written forms; 🙋 is raising a hand. */
const PLUS_ONE = /^(?:我也?)?(?:报名|参加)?(?:\+1|加1|加一|🙋[\u{1F3FB}-\u{1F3FF}\u200D\u2640\u2642\uFE0F]*)+$/u
/** A question is never a command: 报名了吗, 收到没, 几点签到? */
const QUESTION = /[?吗呢嘛么啥没]$|\?|什么|怎么|如何|哪|几/
/** A negation reverses the meaning: 没收到, 不报名了, 别签到. */
const NEGATION = /[不没别未]/
/** 怎么报名 / 如何签到: a member asking how; the answer is the command's name. */
const HOW_TO = /^(?:请问)?(?:怎么|怎样|如何)(.+?)(?:啊|呀|呢)?\??$/
/** 不报名了 / 不参加了: they want out, which is 取消报名. */
const WANTS_OUT = /^(?:我)?(?:不|不想|不去)(?:报名|参加)了?$/

/** Decorations that carry no meaning around a command: punctuation, emoji, WeChat's [强] codes. */
const DECORATION = /^(?:[\s!.~,。！、…～·]|\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\u200D\uFE0F]|\[[^\]\s]{1,4}\])+|(?:[\s!.~,。！、…～·]|\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}\u200D\uFE0F]|\[[^\]\s]{1,4}\])+$/gu
const SEPARATOR = /^[\s,.!~。、…～]+/

/**
 * Characters people type by mistake for each other (same or near pinyin on a phone keyboard).
 * A two-character command is suggested only for these substitutions, because most one-character
 * changes of a two-character word are other real words (报告, 签字, 迟到, 学习, 请教, 会员).
 */
const CONFUSABLE: ReadonlyMap<string, string> = new Map([
  ['报', '抱包保宝暴爆'], ['名', '明命鸣铭茗'], ['签', '前钱欠千迁谦'], ['到', '道倒导刀岛'],
  ['请', '情清晴轻青'], ['假', '加家价架驾嫁佳甲'], ['收', '手首守'], ['帮', '邦梆'], ['助', '住祝注'],
  ['通', '同统'], ['知', '之只支'], ['催', '吹崔'], ['办', '半版伴班'], ['任', '认忍'], ['务', '物误'],
  ['安', '按暗岸'], ['排', '牌拍派'], ['会', '汇惠慧绘'], ['议', '意义易亿忆'], ['免', '面棉勉'],
  ['学', '雪'], ['时', '是事实十市式试'], ['参', '餐残惨'], ['加', '家假佳嘉价'], ['活', '火获伙'],
  ['动', '冻洞东懂'], ['认', '任忍'], ['证', '正政整征症'], ['绑', '邦棒榜膀'], ['定', '订顶丁钉鼎'],
  ['登', '灯等邓'], ['记', '计纪级急即技寄季继'], ['命', '名明鸣'], ['去', '区取曲趣'],
  ['成', '城程诚承乘称'], ['员', '圆元园原院源愿远援缘'], ['考', '靠烤'], ['勤', '情请琴亲擒秦'],
  ['统', '通桶同'], ['计', '记纪级技寄季继即'], ['导', '到倒道岛捣'], ['出', '处初除楚厨触'],
])

/** Reads a short group message that is not an exact command: run it, ask, suggest, or stay silent. */
export function readNearMiss(text: string, commands: readonly CommandWords[], context: NearMissContext): NearMiss {
  // Normalising only shortens (spaces collapse); a long raw text is chat without reading it.
  if (text.length > NEAR_MISS_MAX_CHARS * 8) return NONE
  const plain = normalizeText(text).replace(/^[/#]\s*/, '')
  if (plain === '' || chars(plain) > NEAR_MISS_MAX_CHARS) return NONE
  const canonical = wordIndex(commands)

  const body = plain.replace(DECORATION, '')
  const plusOne = readPlusOne(plain, context) ?? readPlusOne(body, context)
  if (plusOne) return plusOne
  if (body === '') return NONE
  if (context.awaitingAck && isAcknowledgement(body)) return { kind: 'run', word: ACK, rest: '' }

  const howTo = HOW_TO.exec(body)
  if (howTo) {
    const word = canonical.get(howTo[1]!)
    return word && allowed(word, context) ? { kind: 'suggest', word } : NONE
  }
  if (WANTS_OUT.test(body) && canonical.has(CANCEL_SIGN_UP)) return { kind: 'suggest', word: CANCEL_SIGN_UP }

  for (const start of fillerEnds(body)) {
    const wrapped = readWrapped(body, start, canonical)
    if (!wrapped) continue
    if (QUESTION.test(wrapped.head) || NEGATION.test(wrapped.head) || QUESTION.test(body)) return NONE
    return allowed(wrapped.word, context) ? { kind: 'run', word: wrapped.word, rest: wrapped.rest } : NONE
  }

  if (QUESTION.test(body) || NEGATION.test(body)) return NONE
  for (const start of fillerEnds(body)) {
    const first = /^[^\s,.!~。、…～#]+/.exec(body.slice(start))?.[0] ?? ''
    const word = nearestCommand(first, canonical)
    if (word) return allowed(word, context) ? { kind: 'suggest', word } : NONE
  }
  return NONE
}

/** One edit away from `word`: any single edit for longer words; for two characters only a confusable substitution, a swap or a doubled character. */
export function isOneEditAway(typed: string, word: string): boolean {
  const a = Array.from(typed)
  const b = Array.from(word)
  if (typed === word || a.length < 2) return false
  if (b.length === 2) {
    if (a.length === 2) {
      if (a[0] === b[1] && a[1] === b[0]) return true
      return [0, 1].some((i) => a[1 - i] === b[1 - i] && (CONFUSABLE.get(b[i]!) ?? '').includes(a[i]!))
    }
    return a.length === 3 && (a.join('') === b[0]! + word || a.join('') === word + b[1]!)
  }
  // 党费 is not a short 收党费: a longer word loses too much meaning when shortened to two characters.
  return a.length >= 3 && osaDistanceAtMostOne(a, b)
}

function readPlusOne(plain: string, context: NearMissContext): NearMiss | null {
  const [head = '', ...restWords] = plain.split(/\s+/)
  const match = PLUS_ONE.exec(head.replace(/[!.~。！]+$/, ''))
  if (!match) return null
  const rest = restWords.join(' ')
  const refOnly = /^#\d+$/.test(rest)
  if (rest !== '' && !refOnly) return NONE
  const explicit = /报名|参加/.test(head)
  if (refOnly || context.openActivities === 1 || (explicit && context.openActivities === 0)) {
    return { kind: 'run', word: SIGN_UP, rest }
  }
  return context.openActivities > 1 ? { kind: 'ask', word: SIGN_UP } : NONE
}

function isAcknowledgement(body: string): boolean {
  let at = skipAll(body, 0, ACK_COURTESIES)
  const core = ACK_CORES.find((c) => body.startsWith(c, at))
  if (!core) return false
  at = skipAll(body, at + core.length, [...ACK_COURTESIES, ...ACK_CORES])
  // 收到，明天准时到 still acknowledges; 收到了吗 / 收到没 asks.
  return at === body.length || (SEPARATOR.test(body.slice(at)) && !/[?吗没]$/.test(body))
}

/** Skips separators and any of `words`, repeatedly, from `at`. */
function skipAll(body: string, at: number, words: readonly string[]): number {
  for (;;) {
    const sep = SEPARATOR.exec(body.slice(at))?.[0].length ?? 0
    const word = words.find((w) => body.startsWith(w, at + sep))
    if (!word) return at
    at += sep + word.length
  }
}

/** Positions where the command word may begin: 0, then after one or two prefix fillers (我也 / 好的，我要). */
function fillerEnds(body: string): number[] {
  const ends = new Set<number>([0])
  let frontier = [0]
  for (let depth = 0; depth < 2; depth++) {
    const next: number[] = []
    for (const at of frontier) {
      for (const filler of PREFIX_FILLERS) {
        if (!body.startsWith(filler, at)) continue
        const end = at + filler.length + (SEPARATOR.exec(body.slice(at + filler.length))?.[0].length ?? 0)
        if (!ends.has(end)) next.push(end)
        ends.add(end)
      }
    }
    frontier = next
  }
  return [...ends].sort((x, y) => x - y)
}

/** `<command><fillers>` followed by the end, a separator or #n: the head (for checks), the command, its arguments. */
function readWrapped(body: string, start: number, canonical: ReadonlyMap<string, string>) {
  const typed = [...canonical.keys()].filter((w) => body.startsWith(w, start)).sort((x, y) => y.length - x.length)[0]
  if (!typed) return null
  let at = start + typed.length
  for (let filler = SUFFIX_FILLERS.find((f) => body.startsWith(f, at)); filler; filler = SUFFIX_FILLERS.find((f) => body.startsWith(f, at))) {
    at += filler.length
  }
  const tail = body.slice(at)
  if (tail !== '' && !SEPARATOR.test(tail) && !tail.startsWith('#')) return null
  return { head: body.slice(0, at), word: canonical.get(typed)!, rest: tail.replace(SEPARATOR, '').trim() }
}

function nearestCommand(first: string, canonical: ReadonlyMap<string, string>): string | null {
  if (chars(first) < 2) return null
  for (const [typed, word] of canonical) if (isOneEditAway(first, typed)) return word
  return null
}

/** 收到 and its forms mean something only while a notice awaits this member. */
function allowed(word: string, context: NearMissContext): boolean {
  return word !== ACK || context.awaitingAck
}

function wordIndex(commands: readonly CommandWords[]): Map<string, string> {
  const index = new Map<string, string>()
  for (const c of commands) for (const w of [c.name, ...(c.aliases ?? [])]) if (!/[!.。]$/.test(w)) index.set(w, c.name)
  return index
}

/** Optimal-string-alignment distance ≤ 1: one insertion, deletion, substitution or swap of neighbours. */
function osaDistanceAtMostOne(a: readonly string[], b: readonly string[]): boolean {
  if (Math.abs(a.length - b.length) > 1) return false
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((c, k) => c === y[k])
  if (a.length === b.length) {
    if (same(a.slice(i + 1), b.slice(i + 1))) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && same(a.slice(i + 2), b.slice(i + 2))
  }
  return a.length > b.length ? same(a.slice(i + 1), b.slice(i)) : same(a.slice(i), b.slice(i + 1))
}

const chars = (s: string) => Array.from(s).length
