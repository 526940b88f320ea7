/**
 * wechaty-puppet's payload caches (LRU), sized for a street: thousands of people, up to a thousand
 * groups of up to 500 members. The defaults (500 contacts, 100 rooms, 100 room-member lists) are
 * far below that, and a cache smaller than the world keeps evicting the contacts of a big group
 * while Wechaty readies it, so every message refetches them. Passed to the puppet's constructor
 * (`PuppetOptions.cache`); the `WECHATY_PUPPET_LRU_CACHE_SIZE_*` environment variables are only
 * the puppet's fallback when an option is missing.
 */
export const PUPPET_CACHE = {
  contact: 10_000,
  room: 1_000,
  /** keyed by room: one entry holds a room's member payloads */
  roomMember: 10_000,
  message: 2_000,
  friendship: 500,
  roomInvitation: 500,
  post: 500,
} as const
