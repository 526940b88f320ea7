/** What the bot says about meetings (part of the catalogue in src/commands/texts.ts). */
export const meetingTexts = {} as const
