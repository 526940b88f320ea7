/** What the bot says about duess (part of the catalogue in src/commands/texts.ts). */
export const duesTexts = {} as const
