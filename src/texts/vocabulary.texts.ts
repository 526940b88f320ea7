/** What the bot says when a registration or meeting word is not understood (to join the catalogue). */
export const vocabularyTexts = {
  unknownRegistrationWords: (p: { words: string[]; stages: readonly string[]; categories: readonly string[] }) =>
    [
      `看不懂「${p.words.join('」「')}」。`,
      `身份可以写：${p.stages.join('、')}`,
      `类别可以写：${p.categories.join('、')}`,
      '例如「登记 张三 党员 退休」。',
    ].join('\n'),
  conflictingRegistrationWords: (p: { words: string[] }) => `「${p.words.join('」「')}」和前面写的身份或类别不一致，请只写一个。`,
  unknownMeetingType: (p: { word: string; accepted: readonly string[] }) => `看不懂会议类型「${p.word}」。可以写：${p.accepted.join('、')}`,
  leadingBodyMeeting: (p: { word: string }) => `${p.word}是领导班子召开的，党支部开的是「组织生活会」。`,
}
