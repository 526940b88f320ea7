/** What the bot says about notices (part of the catalogue in src/commands/texts.ts). */
export const noticeTexts = {} as const
