import { renderText, type TextKey, type TextParams } from './index.js'

/**
 * An expected problem with what the user typed or may do: it carries a sentence's key and
 * parameters, and the dispatcher answers it in Chinese and writes nothing. Anything else thrown
 * is a bug: logged, apologised for.
 */
export class UserError<K extends TextKey = TextKey> extends Error {
  readonly params: TextParams<K>

  constructor(
    readonly code: K,
    ...params: TextParams<K>
  ) {
    super(code)
    this.name = 'UserError'
    this.params = params
  }

  /** The Chinese sentence the user reads. */
  get reply(): string {
    return renderText(this.code, ...this.params)
  }
}
