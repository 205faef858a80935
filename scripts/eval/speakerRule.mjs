/**
 * The rule that judges whether a speaker Verbatim gives a quotation is a person, an
 * organisation or a document (or outlet): stated in scripts/eval-web-speakers.mjs, shared by
 * that script and scripts/eval/web-unseen.mjs so both count the same way.
 * Returns 'name' or 'description' for a speaker that passes, anything else for one that does not.
 */
const functionWords = new Set((
  // English
  'it its there here this that these those they them he she him her his hers we us our you your i me my ' +
  'and or but so yet if when while as because although though however furthermore moreover meanwhile also ' +
  'then now still instead indeed perhaps maybe thus hence therefore besides nevertheless nonetheless otherwise ' +
  'in on at for from with without by of to into over under after before since until about what why how who ' +
  'where which whose whom yes no not one two three four five six seven eight nine ten first second third ' +
  'some many most all each every both either neither such other another any none few several ' +
  'is was are were be been being has have had do does did will would can could should may might must ' +
  'according today yesterday tomorrow well oh just only even ' +
  // French
  'il elle ils elles on nous vous je tu ce cette ces cet ça cela ceci un une deux trois quatre cinq des du de ' +
  'et ou mais donc car si quand lorsque comme pour par avec sans dans sur sous en au aux le la les l ' +
  'qui que quoi dont où est sont était a ont selon aussi puis alors ainsi enfin pourtant cependant ' +
  // German
  'er sie es wir ihr ich du das der die den dem des ein eine einer eines und oder aber denn wenn als wie ' +
  'für mit ohne von zu im am auf aus bei nach über unter vor ist sind war waren hat haben auch dann noch ' +
  'zwei drei vier fünf'
).split(/\s+/));
const connectors = new Set('of for and de du des van von der den al bin la le y & the on at'.split(' '));
const determiners = /^(?:the|a|an|le|la|les|l’|l'|un|une|der|die|das|ein|eine)\s+/i;
const personNouns = new Set((
  'spokesman spokeswoman spokesperson official officials minister secretary president senator governor mayor ' +
  'chairman chairwoman chair director founder researcher researchers scientist scientists analyst analysts ' +
  'expert experts source sources aide aides adviser advisers advisor advisors representative representatives ' +
  'lawyer lawyers attorney prosecutor prosecutors judge candidate nominee lawmaker lawmakers author authors ' +
  'writer editor reporter journalist professor doctor economist officer commander leader leaders member members ' +
  'manager executive ceo engineer developer developers user users resident residents witness witnesses voter voters ' +
  'protester protesters supporter supporters critic critics activist activists student students teacher teachers ' +
  'worker workers employee employees people person man woman men women boy girl mother father son daughter wife ' +
  'husband friend friends owner fan fans player players coach team group crowd family neighbour neighbor ' +
  'ministry department agency company firm government administration campaign committee commission council ' +
  'court organisation organization office bureau authority authorities regulator party union association ' +
  'foundation institute center centre network newspaper paper website site magazine outlet channel ' +
  'police army military board bank fund service university school club band ' +
  'statement report study survey poll letter memo release document documents law rule rules regulation ' +
  'article post tweet blog book paper ruling decision order bill act treaty declaration ' +
  'respondent respondents grandfather grandmother sister brother uncle aunt cousin child children kid kids ' +
  'guy lady stranger detective nurse patient patients customer customers reader readers viewer viewers ' +
  'listener listeners commenter commenters'
).split(/\s+/));

export function judge(speaker) {
  const words = speaker.replace(determiners, '').replace(/[’']s\b/g, '').split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'empty';
  const bare = (w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const capital = (w) => /^[\p{Lu}\p{Lt}]/u.test(bare(w)) || /^(?:\p{L}\.)+$/u.test(w);
  if (words.every((w) => capital(w) || connectors.has(w.toLowerCase()) || /^\(.*\)$/.test(w))) {
    const content = words.filter((w) => capital(w) && !functionWords.has(bare(w).toLowerCase()));
    return content.length > 0 ? 'name' : 'function word';
  }
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(speaker)) return 'name';
  const lowerWords = words.map((w) => bare(w).toLowerCase());
  const of = lowerWords.findIndex((w, i) => i > 0 && /^(?:of|for|at|from|with|in)$/.test(w));
  const head = of > 0 ? lowerWords[of - 1] : lowerWords[lowerWords.length - 1];
  if (personNouns.has(head) || personNouns.has(head.replace(/s$/, ''))) return 'description';
  return 'other';
}
