/**
 * Names every plain JavaScript object answers to through its prototype. A rule that looks a typed
 * word up in an object literal finds a function (or the prototype) for these, so each table test
 * of a parser feeds them in and expects "not a word I know".
 */
export const BUILT_IN_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
] as const
