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

/** `[#n]`, where members drop the #: `取消报名 1` is `取消报名 #1` (readLeadingRefs reads the same in longer forms). */
export const optionalRefMaybeBare = z
  .object({ ref: recordRef.optional(), words: z.array(z.string()).max(1) })
  .refine((a) => a.words.length === 0 || (a.ref === undefined && /^\d{1,10}$/.test(a.words[0] ?? '')))
  .transform((a) => ({ ref: a.ref ?? (a.words[0] === undefined ? undefined : Number(a.words[0])) }))
  .pipe(z.object({ ref: recordRef.optional() }) as z.ZodType<{ ref?: number | undefined }, { ref: number | undefined }>)
