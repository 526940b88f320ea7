/**
 * An expected problem with what the user typed or may do: the dispatcher answers it with a
 * friendly Chinese sentence and writes nothing. Anything else thrown is a bug: logged, apologised for.
 */
export class UserError extends Error {
  constructor(readonly reply: string) {
    super(reply)
    this.name = 'UserError'
  }
}
