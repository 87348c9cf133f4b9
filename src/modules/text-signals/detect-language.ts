/**
 * A cheap language check, enough to decide "is this English?": the script of the
 * letters, then which language's most frequent words the text uses. Short
 * tweets defeat n-gram detectors; function words survive them. Returns a code
 * only when there is evidence (`null`: undetermined, e.g. emoji only).
 */

const SCRIPTS: readonly [string, RegExp][] = [
  ['ko', /\p{Script=Hangul}/u],
  ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['zh', /\p{Script=Han}/u],
  ['ar', /\p{Script=Arabic}/u],
  ['ru', /\p{Script=Cyrillic}/u],
  ['he', /\p{Script=Hebrew}/u],
  ['th', /\p{Script=Thai}/u],
  ['hi', /\p{Script=Devanagari}/u],
  ['el', /\p{Script=Greek}/u],
];

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/));

// English function words and common customer-service words that are not words of the languages below.
const ENGLISH = set(`the a an and or but if so of to in on at for with from by about into over after
  before than then this that these those there here it its it's i i'm i've i'd i'll me my mine you you're
  your yours we our us they them their he him his she her is are was were be been being am do does did
  doing done have has had having will would shall should can could may might must not no nor never
  don't doesn't didn't can't won't isn't aren't wasn't haven't hasn't couldn't wouldn't cant dont wont
  what which who whom whose when where why how all any some every each just only also still again yet
  already even very too really much more most get got getting go going gone know like want need think
  please thanks thank thx help hi hello hey yes yeah ok okay one now today yesterday since why
  phone service order account app update internet customer time day days hour hours week weeks month
  months fix bug issue problem refund working work works back out up down off call called email wait
  waiting waited still worst great love good bad new order ordered delivery package card money`);

// Frequent words of other Latin-script languages, minus those English shares ("a", "me", "no", "on"…).
const OTHER: readonly [string, ReadonlySet<string>][] = [
  [
    'es',
    set(`el la los las un una unos unas y que de del en es por para con su sus se lo le les al mi mis
    pero como más muy ya está están estoy tengo tiene hay hace porque cuando donde qué cómo gracias hola
    favor ayuda funciona servicio desde hasta sin sobre también ni nos ese esta este eso esto`),
  ],
  [
    'pt',
    set(`o os um uma uns umas e que de do da dos das em no na nos nas é por para com seu sua não mas
    como mais muito já está estou tenho tem há faz porque quando onde obrigado obrigada olá ajuda
    serviço sem sobre também isso isto esse essa você vocês`),
  ],
  [
    'fr',
    set(`le la les un une des et que qui de du en est pour par avec son sa ses ce cette ces mais comme
    plus très déjà je tu il elle nous vous ils elles mon ma mes ne pas suis sont avez avoir être fait
    merci bonjour aide service sans sur aussi où quand pourquoi`),
  ],
  [
    'de',
    set(`der die das den dem des ein eine einen und oder aber ist sind war nicht kein keine mit für von
    zu auf aus bei nach ich du er sie wir ihr mein meine dein ihr sehr schon noch auch wie was warum
    wann wo danke bitte hallo hilfe habe hat haben geht funktioniert`),
  ],
  [
    'it',
    set(`il lo la gli le un uno una e che di del della in è per con suo sua non ma come più molto già
    sono ho ha hanno perché quando dove grazie ciao aiuto servizio senza anche questo questa`),
  ],
  [
    'nl',
    set(`de het een en of maar is zijn was niet geen met voor van te op uit bij naar ik jij hij zij wij
    mijn heel al nog ook hoe wat waarom wanneer waar dank bedankt hallo hulp heb heeft hebben werkt`),
  ],
];

// word → which languages use it: one look-up per word instead of one per word and language.
const LANGUAGES_OF = new Map<string, { english: boolean; others: number[] }>();
const entry = (w: string) => {
  let e = LANGUAGES_OF.get(w);
  if (!e) LANGUAGES_OF.set(w, (e = { english: false, others: [] }));
  return e;
};
for (const w of ENGLISH) entry(w).english = true;
OTHER.forEach(([, lexicon], k) => lexicon.forEach((w) => entry(w).others.push(k)));

const NON_ASCII = /[\u0080-\uffff]/;

/** On ASCII text every letter is Latin, and ¿¡ñ cannot occur: only "any letter at all?" is left to ask. */
function byScript(text: string): { letters: boolean; latin: boolean; spanishMarks: boolean } {
  if (!NON_ASCII.test(text)) {
    const letters = /[A-Za-z]/.test(text);
    return { letters, latin: letters, spanishMarks: false };
  }
  const letters = text.replace(/\P{L}+/gu, '').length;
  const latin = text.replace(/\P{Script=Latin}+/gu, '').length;
  return { letters: letters > 0, latin: latin >= letters / 2, spanishMarks: /[¿¡ñ]/u.test(text) };
}

export function detectLanguage(text: string, words: readonly string[]): string | null {
  const script = byScript(text);
  if (!script.letters) return null;
  if (!script.latin) {
    const found = SCRIPTS.find(([, re]) => re.test(text));
    return found ? found[0] : null;
  }
  let english = 0;
  const counts = OTHER.map(() => 0);
  for (const w of words) {
    const e = LANGUAGES_OF.get(w);
    if (!e) continue;
    if (e.english) english += 1;
    for (const k of e.others) counts[k] += 1;
  }
  let best: [string, number] = ['', 0];
  OTHER.forEach(([code], k) => {
    if (counts[k] > best[1]) best = [code, counts[k]];
  });
  if (script.spanishMarks) best = ['es', best[1] + 2];
  if (english > best[1]) return 'en';
  return best[1] > 0 ? best[0] : null;
}
