import { describe, it, expect } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

const configError = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error
    throw error
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`)
}

describe('loadConfig', () => {
  it('GIVEN an empty environment THEN every default applies', () => {
    expect(loadConfig({})).toEqual({
      DATABASE_URL: 'file:./data/zhibu.db',
      TZ: 'Asia/Shanghai',
      LOG_LEVEL: 'info',
      BOT_NAME: '支部助手',
      SIM_HOST: '127.0.0.1',
      SIM_PORT: 7730,
      SIM_STATE_FILE: 'data/simulator.json',
      SIM_CLOCK: 'real',
      STALE_MESSAGE_SECONDS: 180,
      DUPLICATE_WINDOW_SECONDS: 2,
      OUTBOX_RETENTION_DAYS: 30,
      JOB_GRACE_MINUTES: 360,
      JOB_LEASE_MINUTES: 10,
      OUTBOX_LEASE_SECONDS: 30,
      ACTIVITY_REMINDER_HOURS: [24, 1],
      OUTBOX_DAILY_CAP: 3000,
      SHUTDOWN_FLUSH_SECONDS: 10,
      CONSOLE_HOST: '127.0.0.1',
      CONSOLE_PORT: 7731,
      ACCOUNT_TAKEOVER_MINUTES: 10,
    })
  })

  it('GIVEN ACTIVITY_REMINDER_HOURS "48, 2" THEN reminders at 48 and 2 hours; "soon" is refused naming the variable', () => {
    expect(loadConfig({ ACTIVITY_REMINDER_HOURS: '48, 2' }).ACTIVITY_REMINDER_HOURS).toEqual([48, 2])
    expect(() => loadConfig({ ACTIVITY_REMINDER_HOURS: 'soon' })).toThrow(/ACTIVITY_REMINDER_HOURS/)
  })

  it.each([
    ['DATABASE_URL'],
    ['TZ'],
    ['SIM_PORT'],
    ['BOT_NAME'],
    ['LOG_LEVEL'],
    ['ZHIBU_ADMIN_TOKEN'],
  ])('GIVEN %s set to an empty string THEN it counts as unset', (name) => {
    expect(loadConfig({ [name]: '' })).toEqual(loadConfig({}))
  })

  it.each<[string, string, Partial<Record<string, unknown>>]>([
    ['DATABASE_URL', 'file:/var/lib/zhibu/zhibu.db', { DATABASE_URL: 'file:/var/lib/zhibu/zhibu.db' }],
    ['DATABASE_URL', 'postgresql://zhibu:pw@db:5432/zhibu', { DATABASE_URL: 'postgresql://zhibu:pw@db:5432/zhibu' }],
    ['DATABASE_URL', 'postgres://db/zhibu', { DATABASE_URL: 'postgres://db/zhibu' }],
    ['TZ', 'UTC', { TZ: 'UTC' }],
    ['TZ', 'Europe/Berlin', { TZ: 'Europe/Berlin' }],
    ['SIM_PORT', '8080', { SIM_PORT: 8080 }],
    ['SIM_PORT', '0', { SIM_PORT: 0 }],
    ['SIM_PORT', '65535', { SIM_PORT: 65535 }],
    ['BOT_NAME', '党建小助手', { BOT_NAME: '党建小助手' }],
  ])('GIVEN %s=%s THEN it is used', (name, value, expected) => {
    expect(loadConfig({ [name]: value })).toMatchObject(expected)
  })

  it.each([
    ['TZ', 'Mars/Olympus'],
    ['TZ', 'Beijing'],
    ['DATABASE_URL', './data/zhibu.db'],
    ['DATABASE_URL', 'mysql://db/zhibu'],
    ['DATABASE_URL', 'sqlite:./data/zhibu.db'],
    ['SIM_PORT', 'abc'],
    ['SIM_PORT', '7730abc'],
    ['SIM_PORT', '77.5'],
    ['SIM_PORT', '-1'],
    ['SIM_PORT', '65536'],
    ['LOG_LEVEL', 'verbose'],
    ['ZHIBU_ADMIN_TOKEN', 'short'],
    ['ZHIBU_ADMIN_TOKEN', '7f3a9c2e51'],
    ['ZHIBU_ADMIN_TOKEN', 'a1b2c3d4e5f6g7h'],
    ['ZHIBU_ADMIN_TOKEN', 'aaaaaaaaaaaaaaaaaaaa'],
  ])('GIVEN %s=%j THEN a ConfigError names that variable', (name, value) => {
    const error = configError({ [name]: value })
    expect(error.message).toMatch(new RegExp(`^\\s+${name}: `, 'm'))
    // The message names only the bad variable.
    expect(error.message.split('\n').filter((l) => /^\s+\w+: /.test(l))).toHaveLength(1)
  })

  it('GIVEN a 15-character ZHIBU_ADMIN_TOKEN THEN start-up is refused with one sentence that says how long it must be', () => {
    const lines = configError({ ZHIBU_ADMIN_TOKEN: 'a1b2c3d4e5f6g7h' }).message.split('\n').slice(1)
    expect(lines).toEqual(['  ZHIBU_ADMIN_TOKEN: must be at least 16 characters (leave it unset and a 24-character token is generated at each start)'])
  })

  it('GIVEN a 16-character ZHIBU_ADMIN_TOKEN THEN it is used; the refusal never repeats the token', () => {
    expect(loadConfig({ ZHIBU_ADMIN_TOKEN: 'a1b2c3d4e5f6g7h8' }).ZHIBU_ADMIN_TOKEN).toBe('a1b2c3d4e5f6g7h8')
    expect(configError({ ZHIBU_ADMIN_TOKEN: 'a1b2c3d4e5f6g7h' }).message).not.toContain('a1b2c3d4e5f6g7h')
  })

  it('GIVEN several bad variables THEN the ConfigError names each of them', () => {
    const error = configError({ TZ: 'Mars/Olympus', SIM_PORT: 'abc', DATABASE_URL: 'mysql://db' })
    for (const name of ['TZ', 'SIM_PORT', 'DATABASE_URL']) expect(error.message).toMatch(new RegExp(`^\\s+${name}: `, 'm'))
  })

  it('GIVEN variables the bot does not use THEN they are ignored', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' })).toEqual(loadConfig({}))
  })

  it('GIVEN SIM_PORT of only spaces THEN it counts as unset (7730)', () => {
    expect(loadConfig({ SIM_PORT: '  ' }).SIM_PORT).toBe(7730)
  })
})
