import { z } from 'zod'

/**
 * The `#n` reference schemas every capability's commands share (活动 #3, 会议 #2, 通知 #5).
 * A number beyond a billion is a typo, not a record.
 */
export const recordRef = z.number().int().positive().max(1_000_000_000)

/** `命令 [#n]` and nothing else. */
export const optionalRefOnly = z.object({ ref: recordRef.optional(), words: z.tuple([]) })

/** `命令 #n` and nothing else. */
export const requiredRefOnly = z.object({ ref: recordRef, words: z.tuple([]) })
