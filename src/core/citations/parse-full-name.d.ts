// parse-full-name ships no type declarations; these are the parts of its API Verbatim uses.
declare module 'parse-full-name' {
  /** A name cut into its parts; a part the name does not have is the empty string. */
  export interface ParsedName {
    title: string;
    first: string;
    middle: string;
    last: string;
    nick: string;
    suffix: string;
    error: string[];
  }
  /** Parses a full name written in any usual order ("Ann Lee", "Lee, Ann", "Dr. Ann B. Lee Jr."). */
  export function parseFullName(name: string, partToReturn?: 'all', fixCase?: boolean, stopOnError?: boolean, useLongLists?: boolean): ParsedName;
}
