// The functions of node:fs/promises that perftable uses, loading that module on first call: a
// require of node:fs/promises at start-up loads nine more built-in modules (readline, watchers,
// dir…), ~1 ms of every run, and a small check never calls them (it reads with readSync).
import * as fs from "node:fs";
import type * as promises from "node:fs/promises";

type Fsp = typeof promises;
const lazy = <K extends keyof Fsp>(name: K): Fsp[K] => ((...args: unknown[]) => (fs.promises[name] as (...a: unknown[]) => unknown)(...args)) as Fsp[K];

export const appendFile = lazy("appendFile");
export const mkdir = lazy("mkdir");
export const open = lazy("open");
export const readFile = lazy("readFile");
export const rename = lazy("rename");
export const rm = lazy("rm");
export const stat = lazy("stat");
export const unlink = lazy("unlink");
export const writeFile = lazy("writeFile");
