/** What members are told when the bot cannot save (the lead may move this into the catalogue). */
export const reliabilityTexts = {
  /** The database refused the write (full disk, server down): nothing was saved. */
  cannotSave: () => '暂时无法保存，请稍后再发',
}
