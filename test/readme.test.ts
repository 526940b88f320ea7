import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { declaredCommands as allCommands } from '../src/capabilities/index.js'

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8')

  it('GIVEN a newcomer THEN the set-up and test commands are stated near the top', () => {
    const top = readme.slice(0, 1500)
    for (const command of ['npm install', 'npm start', 'npm test']) expect(top).toContain(command)
  })

  it.each(allCommands.map((c) => [c.name, c]))('GIVEN the command %s THEN the README lists it with an example', (_, command) => {
    expect(readme).toContain(`| \`${command.name}`)
  })

  it('GIVEN the command table THEN every command is a row of one unbroken table (a blank line would end it on GitHub)', () => {
    const lines = readme.slice(readme.indexOf('## 命令')).split('\n')
    const first = lines.findIndex((l) => l.startsWith('| 命令'))
    const end = lines.findIndex((l, i) => i > first && !l.startsWith('|'))
    const table = lines.slice(first, end).join('\n')
    for (const command of allCommands) expect(table).toContain(`| \`${command.name}`)
  })

  it('GIVEN a newcomer who types as people talk THEN the README says what is understood besides the exact commands', () => {
    expect(readme).toContain('## 群里怎么说都行')
  })

  it('GIVEN .env.example THEN it documents every configuration variable', () => {
    const example = readFileSync('.env.example', 'utf8')
    const source = readFileSync('src/config.ts', 'utf8')
    const variables = [...source.matchAll(/^ {2}([A-Z_]+): z\./gm)].map((m) => m[1]!)
    expect(variables.length).toBeGreaterThan(5)
    for (const variable of variables) expect(example).toMatch(new RegExp(`^${variable}=`, 'm'))
  })
})
