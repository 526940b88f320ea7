import { describe, it, expect } from 'vitest'
import { declaredCommands as allCommands } from '../capabilities/index.js'
import { isOneEditAway, readNearMiss, type NearMiss, type NearMissContext } from './near-miss.js'

const ONE_OPEN: NearMissContext = { awaitingAck: false, openActivities: 1 }
const ACK_WAITING: NearMissContext = { awaitingAck: true, openActivities: 1 }
const THREE_OPEN: NearMissContext = { awaitingAck: false, openActivities: 3 }
const NONE_OPEN: NearMissContext = { awaitingAck: false, openActivities: 0 }

const run = (word: string, rest = ''): NearMiss => ({ kind: 'run', word, rest })
const suggest = (word: string): NearMiss => ({ kind: 'suggest', word })
const none: NearMiss = { kind: 'none' }

// What members and officers type in a branch group, as the bot must read it (real command words).
const TABLE: ReadonlyArray<[string, NearMissContext, NearMiss]> = [
  // fillers around an exact command word: run it
  ['我要报名', ONE_OPEN, run('报名')],
  ['我报名', ONE_OPEN, run('报名')],
  ['报名了', ONE_OPEN, run('报名')],
  ['我也报名', ONE_OPEN, run('报名')],
  ['我也要报名！', ONE_OPEN, run('报名')],
  ['我报名了～', ONE_OPEN, run('报名')],
  ['好的，我也报名', ONE_OPEN, run('报名')],
  ['嗯嗯 我报名', ONE_OPEN, run('报名')],
  ['报名报名🙋', ONE_OPEN, none],
  ['报名😊', ONE_OPEN, run('报名')],
  ['🌹报名', ONE_OPEN, run('报名')],
  ['我要报名 #3', THREE_OPEN, run('报名', '#3')],
  ['我要报名#3', THREE_OPEN, run('报名', '#3')],
  ['我要报名，带两瓶水', ONE_OPEN, run('报名', '带两瓶水')],
  ['我要报名', THREE_OPEN, run('报名')], // 报名 itself asks which when several are open
  ['帮我报名', ONE_OPEN, run('报名')],
  ['已经报名了', ONE_OPEN, run('报名')],
  ['我要参加', ONE_OPEN, run('报名')],
  ['我也参加', ONE_OPEN, run('报名')],
  ['参加了', ONE_OPEN, run('报名')],
  ['我要取消报名', ONE_OPEN, run('取消报名')],
  ['请假一下', ONE_OPEN, run('请假')],
  ['请假一下…', ONE_OPEN, run('请假')],
  ['请假一下，家里有事', ONE_OPEN, run('请假', '家里有事')],
  ['我请假，出差', ONE_OPEN, run('请假', '出差')],
  ['我要请假', ONE_OPEN, run('请假')],
  ['申请请假 住院', ONE_OPEN, run('请假', '住院')],
  ['我签到', ONE_OPEN, run('签到')],
  ['签到了', ONE_OPEN, run('签到')],
  ['签到啦！', ONE_OPEN, run('签到')],
  ['已签到', ONE_OPEN, run('签到')],
  ['我来签到', ONE_OPEN, run('签到')],
  ['我交党费 88', ONE_OPEN, run('交党费', '88')],
  ['我的党费', ONE_OPEN, run('我的党费')],
  ['/我要报名', ONE_OPEN, run('报名')],
  ['＃我要报名', ONE_OPEN, run('报名')],
  ['我要报名　＃３', THREE_OPEN, run('报名', '#3')],
  // acknowledgements while a notice awaits this member
  ['收到了', ACK_WAITING, run('收到')],
  ['已收到', ACK_WAITING, run('收到')],
  ['好的，收到', ACK_WAITING, run('收到')],
  ['好的收到', ACK_WAITING, run('收到')],
  ['收到，谢谢', ACK_WAITING, run('收到')],
  ['收到,谢谢!', ACK_WAITING, run('收到')],
  ['收到👌', ACK_WAITING, run('收到')],
  ['ok收到', ACK_WAITING, run('收到')],
  ['OK，收到', ACK_WAITING, run('收到')],
  ['ｏｋ收到', ACK_WAITING, run('收到')],
  ['收到[强]', ACK_WAITING, run('收到')],
  ['[抱拳]收到', ACK_WAITING, run('收到')],
  ['嗯嗯，收到了', ACK_WAITING, run('收到')],
  ['收到收到', ACK_WAITING, run('收到')],
  ['收到啦', ACK_WAITING, run('收到')],
  ['收悉', ACK_WAITING, run('收到')],
  ['已阅', ACK_WAITING, run('收到')],
  ['收到，准时参加', ACK_WAITING, run('收到')],
  ['收到，辛苦了🙏', ACK_WAITING, run('收到')],
  ['我收到了', ACK_WAITING, run('收到')],
  ['收道', ACK_WAITING, suggest('收到')],
  // the same words with no notice awaiting: chat
  ['好的，收到', ONE_OPEN, none],
  ['收到，谢谢', ONE_OPEN, none],
  ['收到👌', ONE_OPEN, none],
  ['ok收到', ONE_OPEN, none],
  ['收道', ONE_OPEN, none],
  ['收到', ONE_OPEN, none],
  // not an acknowledgement even while one is awaited
  ['没收到', ACK_WAITING, none],
  ['还没收到', ACK_WAITING, none],
  ['收到了吗', ACK_WAITING, none],
  ['收到没', ACK_WAITING, none],
  ['收到了吗？', ACK_WAITING, none],
  ['好的', ACK_WAITING, none],
  ['谢谢', ACK_WAITING, none],
  ['👌', ACK_WAITING, none],
  // +1 and the raised hand
  ['+1', ONE_OPEN, run('报名')],
  ['＋1', ONE_OPEN, run('报名')],
  ['+1！', ONE_OPEN, run('报名')],
  ['+1👍', ONE_OPEN, run('报名')],
  ['报名+1', ONE_OPEN, run('报名')],
  ['我+1', ONE_OPEN, run('报名')],
  ['🙋', ONE_OPEN, run('报名')],
  ['🙋‍♂️', ONE_OPEN, run('报名')],
  ['🙋🏻‍♀️', ONE_OPEN, run('报名')],
  ['+1', THREE_OPEN, { kind: 'ask', word: '报名' }],
  ['🙋', THREE_OPEN, { kind: 'ask', word: '报名' }],
  ['+1 #2', THREE_OPEN, run('报名', '#2')],
  ['+1', NONE_OPEN, none],
  ['🙋', NONE_OPEN, none],
  ['报名+1', NONE_OPEN, run('报名')], // says 报名 outright: the command explains there is nothing open
  ['+1 同意', ONE_OPEN, none],
  ['1+1=2', ONE_OPEN, none],
  ['+10', ONE_OPEN, none],
  // near-misses: suggest, run nothing
  ['报明', ONE_OPEN, suggest('报名')],
  ['抱名', ONE_OPEN, suggest('报名')],
  ['报明 #3', ONE_OPEN, suggest('报名')],
  ['我要报明', ONE_OPEN, suggest('报名')],
  ['名报', ONE_OPEN, suggest('报名')],
  ['签道', ONE_OPEN, suggest('签到')],
  ['请加', ONE_OPEN, suggest('请假')],
  ['考情', ONE_OPEN, suggest('考勤')],
  ['绑订 第一党支部', ONE_OPEN, suggest('绑定')],
  ['取消报明', ONE_OPEN, suggest('取消报名')],
  ['发起互动', ONE_OPEN, suggest('发起活动')],
  ['三会一刻', ONE_OPEN, suggest('三会一课')],
  ['hlep', ONE_OPEN, suggest('帮助')],
  ['怎么报名？', ONE_OPEN, suggest('报名')],
  ['如何签到', ONE_OPEN, suggest('签到')],
  ['我不报名了', ONE_OPEN, suggest('取消报名')],
  ['不参加了', ONE_OPEN, suggest('取消报名')],
  // chat that merely contains a command word, or is one edit from one but a real word
  ['今天报名的人好多啊，大家辛苦了', ONE_OPEN, none],
  ['报名了吗', ONE_OPEN, none],
  ['你报名了没', ONE_OPEN, none],
  ['报名了吗？', ONE_OPEN, none],
  ['明天几点签到？', ONE_OPEN, none],
  ['在哪报名', ONE_OPEN, none],
  ['报名表', ONE_OPEN, none],
  ['报名费多少', ONE_OPEN, none],
  ['签到表', ONE_OPEN, none],
  ['请假条', ONE_OPEN, none],
  ['会议室', ONE_OPEN, none],
  ['活动室', ONE_OPEN, none],
  ['报告', ONE_OPEN, none],
  ['签字', ONE_OPEN, none],
  ['迟到了', ONE_OPEN, none],
  ['学习', ONE_OPEN, none],
  ['请教一下', ONE_OPEN, none],
  ['会员', ONE_OPEN, none],
  ['党费', ONE_OPEN, none],
  ['不请假了', ONE_OPEN, none],
  ['别签到', ONE_OPEN, none],
  ['我报名了，但是那天可能要加班', ONE_OPEN, none],
  ['好的', ONE_OPEN, none],
  ['谢谢', ONE_OPEN, none],
  ['哈哈', ONE_OPEN, none],
  ['哈哈哈哈😂', ONE_OPEN, none],
  ['辛苦了', ONE_OPEN, none],
  ['大家好', ONE_OPEN, none],
  ['👍👍👍', ONE_OPEN, none],
  ['[强][强]', ONE_OPEN, none],
  ['到', ONE_OPEN, none],
  ['好', ONE_OPEN, none],
  ['ok', ONE_OPEN, none],
  ['hello', ONE_OPEN, none],
  ['？', ONE_OPEN, none],
  ['', ONE_OPEN, none],
  ['   ', ONE_OPEN, none],
  ['开会了', ONE_OPEN, none],
  ['明天的活动大家记得带水', ONE_OPEN, none],
  ['我通知一下大家', ONE_OPEN, none],
  ['报名报名报名报名报名报名报名', ONE_OPEN, none],
]

describe('readNearMiss', () => {
  it('has a table of at least 100 utterances', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(100)
  })

  it.each(TABLE.map(([text, context, expected]) => [text, label(context), expected, context] as const))(
    'GIVEN %j (%s) THEN %j',
    (text, _label, expected, context) => {
      expect(readNearMiss(text, allCommands, context)).toEqual(expected)
    },
  )

  it('GIVEN a long wall of text THEN none, quickly', () => {
    const started = performance.now()
    expect(readNearMiss('报名'.repeat(5000), allCommands, ONE_OPEN)).toEqual(none)
    expect(performance.now() - started).toBeLessThan(100)
  })
})

describe('isOneEditAway', () => {
  it.each([
    ['报明', '报名', true],
    ['名报', '报名', true],
    ['报报名', '报名', true],
    ['报名名', '报名', true],
    ['报告', '报名', false],
    ['报名表', '报名', false],
    ['报', '报名', false],
    ['报名', '报名', false],
    ['取消报明', '取消报名', true],
    ['取消报', '取消报名', true],
    ['取报名', '取消报名', true],
    ['取消报名了吧', '取消报名', false],
    ['党费', '收党费', false],
    ['hlep', 'help', true],
    ['helps', 'help', true],
  ])('GIVEN %s and %s THEN %s', (typed, word, expected) => {
    expect(isOneEditAway(typed, word)).toBe(expected)
  })
})

function label(c: NearMissContext): string {
  return `${c.awaitingAck ? 'notice awaits' : 'no notice'}, ${c.openActivities} open`
}
