/**
 * Phrases that report a problem with a product or a service. A complaint needs
 * no angry word ("still no refund, 3 weeks"), and an angry word alone is not
 * always a complaint, so each cue carries a weight and the text is a complaint
 * when the weights reach COMPLAINT_THRESHOLD (read-complaint.ts). Weight 2
 * decides alone; 1–1.5 needs company (another cue or a negative tone).
 * Patterns run on the lower-cased, normalised text (handles and URLs removed,
 * straight apostrophes). Written from the guide and the dev split only.
 */
export interface ComplaintCue {
  /** What the cue reports back ("still waiting"); the matched text when omitted. */
  cue?: string;
  pattern: RegExp;
  /**
   * Literal pieces of the pattern, one of which every match contains (two characters or more):
   * a text with none of them cannot match, so the pattern is not run (cue-prefilter.ts). Omitted:
   * always run. Keep them in step with the pattern; complaint-cues.test.ts checks each alternative.
   */
  keys?: readonly string[];
  weight: number;
  /** The phrase also voices displeasure ("still", "again", "ridiculous"): the guide reads it as a negative tone. */
  tone?: true;
}

const r = (source: string): RegExp => new RegExp(source);
const keys = (list: string): string[] => list.split('|');
const NUMBER = String.raw`(?:\d+\+?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|many|couple of)`;
const UNIT = String.raw`(?:min|mins|minutes?|hours?|hrs?|days?|nights?|wks?|weeks?|months?|years?)`;
const NOT = String.raw`(?:not|not to|yet i didn't|never|no longer|cannot|can't|cant|won't|wont|don't|dont|doesn't|doesnt|isn't|isnt|didn't|didnt|aren't|wasn't|couldn't|wouldn't|haven't|hasn't|unable to|fails? to|failed to|stopped|yet to)`;
const VERB = String.raw`(?:work|worked|working|load|loading|loaded|connect|connecting|log ?in|sign ?in|login|access|open|turn on|charge|charging|sync|update|updating|install|download|send|receive|received|get|got|getting|arrive|arrived|come|came|deliver|delivered|show|showed|save|saved|find|hear|see|view|redeem|validate|play|stream|let me|get through|respond|responded|reply|replied|answer|answered|help|helped|fix|fixed|resolve|resolved|refund|refunded|credit|credited|ship|shipped|leave|left|pick)`;
// Every UNIT contains one of these.
const UNIT_KEYS = keys('min|hour|hr|day|night|wk|week|month|year');
const WEEKDAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last|day|\d)`;

export const COMPLAINT_CUES: readonly ComplaintCue[] = [
  // waiting, delay, nobody answering
  {
    pattern:
      /\bstill (?:waiting|no|not|nothing|haven't|hasn't|have not|has not|can't|cannot|don't|doesn't|isn't|won't|didn't|broken|down|failing|having|getting|the same|same)\b/,
    keys: keys('still'),
    weight: 2,
    tone: true,
  },
  {
    pattern: /\b(?:been|keep|kept) (?:waiting|trying|calling|asking|getting|on hold)\b/,
    keys: keys('been|keep|kept'),
    weight: 2,
    tone: true,
  },
  {
    pattern: r(
      String.raw`\b(?:for|over|after|in|past|last|almost|nearly|another|all) (?:the )?(?:past |last )?${NUMBER} ?${UNIT}\b`,
    ),
    keys: UNIT_KEYS,
    weight: 1.5,
  },
  {
    pattern: r(
      String.raw`\b${NUMBER} ?${UNIT} (?:now|later|ago|and|of|on|without|waiting|trying)\b`,
    ),
    keys: UNIT_KEYS,
    weight: 1,
  },
  {
    pattern: r(
      String.raw`\bsince ${WEEKDAY}|\b(?:another|all) (?:day|night|week|weekend)\b|\b(?:til|till|until) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|next)\b`,
    ),
    keys: keys('since|day|night|week|til'),
    weight: 1,
  },
  {
    pattern:
      /\b(?:on hold|on (?:the )?phone|hung up|no (?:one|body) (?:is |has |will )?(?:answer|respond|repl|help|call|get)\w*|nobody\b|no (?:response|reply|answer|update|resolution|results?|luck|avail|real reason|help)s?\b|haven't heard|ignor(?:ed|ing)|get back to me|call(?:ed)? (?:me )?back|they never do|you never)/,
    keys: keys('hold|phone|hung|no |nobody|heard|ignor|back|never'),
    weight: 2,
  },
  {
    pattern: r(
      String.raw`\b${NOT} (?:be |even |properly |seem to |been able to |able to |get to |let me )?${VERB}\b`,
    ),
    keys: keys("not|never|longer|n't|cant|wont|dont|doesnt|isnt|didnt|unable|fail|stopped|yet"),
    weight: 2.5,
  },
  {
    pattern:
      /\bwhere(?: is|'s| are) (?:my|our|the) (?:order|package|parcel|refund|money|delivery|bag|luggage|item|replacement)/,
    keys: keys('where'),
    weight: 2.5,
  },
  {
    pattern:
      /\b(?:late|delayed|delay|cancell?ed|missing|lost|wrong|damaged|defective|faulty|leaking|expired|declined|locked|stuck|hacked|failed|failing|fails|disappeared|vanished|problems?|issues?|trouble\w*)\b/,
    keys: keys(
      'late|delay|cancel|missing|lost|wrong|damaged|defective|faulty|leaking|expired|declined|locked|stuck|hacked|fail|disappeared|vanished|problem|issue|trouble',
    ),
    weight: 2,
  },
  // something that does not work
  { pattern: /\b(?:keeps?|kept) (?:on )?\w+ing\b/, keys: keys('keep|kept'), weight: 2 },
  {
    pattern:
      /\b(?:crash(?:es|ed|ing)?|broken|broke|outage|glitch\w*|bug(?:gy|s)?|error|frozen|freez\w+|lag(?:s|gy|ging)?|dying|dies|died|drops?|dropped|dropping|dead zone|throttl\w+|down again|is down|went down|been down|down for)\b/,
    keys: keys(
      'crash|broke|outage|glitch|bug|error|frozen|freez|lag|dying|dies|died|drop|dead|throttl|down',
    ),
    weight: 2,
  },
  {
    pattern:
      /\b(?:no|without|out of) (?:service|signal|internet|wifi|wi-fi|connection|power|data|coverage|hot water|sound|tv|phone|stock)\b/,
    keys: keys('no |without|out of'),
    weight: 2.5,
  },
  {
    pattern:
      /\b(?:so|very|super|really|extremely|too) (?:slow|expensive|bad|long)\b|\bslow(?:er|s)?\b|\bon and off\b|\b(?:constantly|always) \w+/,
    keys: keys('slow|expensive|bad|long|on and off|constantly|always'),
    weight: 1.5,
  },
  {
    pattern:
      /\btried (?:that|this|it|everything|again|twice|different|restarting|resetting|reinstalling|calling)|\b(?:already|i've|have) tried\b|^tried\b/,
    keys: keys('tried'),
    weight: 2,
  },
  // money
  {
    pattern: /\b(?:refund|reimburse\w*|money back|compensat\w+|replacement)\b/,
    keys: keys('refund|reimburse|money back|compensat|replacement'),
    weight: 2,
  },
  {
    pattern:
      /\b(?:charged (?:me |my \w+ )?(?:twice|double|again|for|\d+ times)|double charged|overcharg\w+|extra charge|hidden fees?|scam\w*|rip ?off|ripped off|stole|fraud|gouging|greed\w*)\b/,
    keys: keys('charg|hidden fee|scam|rip|stole|fraud|gouging|greed'),
    weight: 2.5,
  },
  {
    pattern: /\bcharge(?:d|s)? (?:me|my|us)\b|\$\d+/,
    keys: keys('charge|$0|$1|$2|$3|$4|$5|$6|$7|$8|$9'),
    weight: 1,
  },
  // disappointment with the service itself
  {
    pattern:
      /\b(?:worst|terrible|horrible|awful|ridiculous|unacceptable|not acceptable|pathetic|useless|disgusting|disgust\w*|disgrace\w*|joke|incompeten\w+|rude|lie|lied|lying|liars?|shameful|appalling|trash|garbage|sucks?|crap|shit\w*|screwed|treated like|clueless|stupid|mess(?:ed)? up|doesn't make sense|makes no sense|inconvenien\w+)\b/,
    keys: keys(
      'worst|terrible|horrible|awful|ridiculous|acceptable|pathetic|useless|disgust|disgrace|joke|incompeten|rude|lie|lying|liar|shameful|appalling|trash|garbage|suck|crap|shit|screwed|treated like|clueless|stupid|mess|sense|inconvenien',
    ),
    weight: 2,
    tone: true,
  },
  {
    pattern:
      /\b(?:wtf|rufkm|smh|ffs|ugh+|sigh|bruh|fed up|sick of|tired of|so done|i'm done|had enough|frustrat\w+|annoy\w+|disappoint\w+|pissed|furious|angry|upset|fuming|never again)\b/,
    keys: keys(
      'wtf|rufkm|smh|ffs|ugh|sigh|bruh|fed up|sick of|tired of|done|enough|frustrat|annoy|disappoint|pissed|furious|angry|upset|fuming|never again',
    ),
    weight: 2,
    tone: true,
  },
  {
    pattern:
      /\bnot (?:safe|happy|good|ok|okay|fair|right|cool|worth|impressed|pleased)\b|\b(?:never|not) (?:coming back|flying|buying|using|ordering|going back)\b/,
    keys: keys('not|never'),
    weight: 2,
    tone: true,
  },
  {
    pattern:
      /\b(?:again|every (?:single )?time|yet again|(?:second|third|fourth|fifth|\d+(?:st|nd|rd|th)) (?:time|notice|call|attempt|email)|(?:\d+|two|three|several|many|multiple|numerous) (?:times|calls|emails|attempts))\b/,
    keys: keys('again|time|notice|call|attempt|email'),
    weight: 1.5,
    tone: true,
  },
  {
    pattern:
      /\b(?:fix (?:this|it|your|the)|sort (?:it|this) out|get (?:it|your \w+) together|do better|step up|hurry up|what(?: is|'s) going on|what the (?:hell|heck|fuck)|seriously)\b/,
    keys: keys('fix |sort |together|do better|step up|hurry up|going on|what the|seriously'),
    weight: 1.5,
    tone: true,
  },
  {
    pattern:
      /\b(?:what can (?:i|he|she|we) do|how (?:can|do) i fix|now what|what now|supposed to)\b/,
    keys: keys('what|fix|supposed'),
    weight: 1.5,
  },
  {
    pattern:
      /(?<!\b(?:is|get|see|know|that's|which is) )\bwhy\b|\bhow (?:is|can) (?:it|this|that) (?:be|possible|take)|\bhow (?:many|much) (?:more|longer)|\bhow long\b/,
    keys: keys('why|how '),
    weight: 2,
  },
  {
    pattern:
      /\b(?:cancel(?:led|ling)? (?:my|all|our)|close my account|switch(?:ing)? to|leaving (?:you|for)|going to (?:switch|cancel|leave)|lost my business)\b/,
    keys: keys('cancel|close my|switch|leaving|going to|lost my'),
    weight: 2,
  },
  {
    pattern: /\b(?:can't even|made me (?:cry|wait|pay)|the opposite of)\b/,
    keys: keys("can't even|made me|opposite"),
    weight: 2,
  },
  {
    pattern:
      /\b(?:even though|although|instead of|should (?:have|be)|should've|needs? to (?:have|be|fix))\b/,
    keys: keys('though|instead|should|need'),
    weight: 1,
  },
  { pattern: /[?!]{2,}/, keys: keys('??|?!|!?|!!'), weight: 0.5, cue: '?!!', tone: true },
];

/** A plain how-to question with nothing else wrong is not a complaint ("can I return this?"). */
export const NOT_COMPLAINT_CUES: readonly ComplaintCue[] = [
  {
    pattern:
      /^(?:how (?:do|can|would) i|can i|could i|is there|is it possible|do you|does|what time|where can|which|will you|are you|may i)\b[^.!]*\?\s*$/,
    weight: -1,
    cue: 'question',
  },
];
