import { COMPLAINT_CUES, NOT_COMPLAINT_CUES } from './complaint-cues';
import { prefilter } from './cue-prefilter';

// At least one phrase per alternative of every cue (stems, mid-word keys and number forms included).
const PHRASES =
  `still waiting|still no|still nothing|still haven't|still the same|been waiting|keep trying
kept calling|kept on hold|for 3 hours|over the past 2 weeks|after 45mins|in a day|last few months
all two nights|almost a year|another 10 wks|nearly 5hrs|3 days now|two weeks ago|a minute later
10 min and|2 hours now|5hrs later|3 nights of|2 wks waiting|a month without|a year on
since monday|since yesterday|since 3|another day|another night|all weekend|til tomorrow|until next
till friday|on hold|on the phone|hung up|no one answers|nobody is|no body will respond|no response
no replies|no luck|no real reason|haven't heard|ignored|ignoring|get back to me|called me back
call back|they never do|you never|not working|cannot load|can't log in|cant connect|won't sign in
wont update|don't work|dont install|doesn't show|doesnt see|isn't loading|isnt loading|didn't arrive
didnt receive|aren't shipped|wasn't delivered|couldn't find|wouldn't let me|haven't got|hasn't come
unable to access|fails to open|fail to sync|failed to send|stopped working|yet to hear|yet i didn't get
no longer working|never arrived|not even be able to play|where is my order|where's the refund
where are our bags|late|delayed|delay|canceled|cancelled|missing|lost|wrong|damaged|defective
faulty|leaking|expired|declined|locked|stuck|hacked|failed|failing|fails|disappeared|vanished
problem|problems|issue|issues|trouble|troubleshooting|keeps crashing|kept on freezing|keep dropping
crash|crashes|crashed|crashing|broken|broke|outage|glitch|glitchy|bug|buggy|bugs|error|frozen
freezing|lag|lags|laggy|lagging|dying|dies|died|drop|drops|dropped|dropping|dead zone|throttled
throttling|down again|is down|went down|been down|down for|no service|without signal|out of stock
no wi-fi|no hot water|so slow|too expensive|really bad|very long|slow|slower|slows|on and off
constantly buffering|always late|tried that|tried restarting|already tried|i've tried|have tried
tried|refund|reimbursement|reimburse|money back|compensation|compensate|replacement|charged twice
charged me double|charged my card again|charged for|charged 3 times|double charged|overcharged
overcharging|extra charge|hidden fee|hidden fees|scam|scammers|rip off|ripoff|ripped off|stole
fraud|gouging|greed|greedy|charge me|charged my|charges us|$5|$100|$0.99|$2|$3|$4|$6|$7|$8|$9|worst|terrible|horrible|awful
ridiculous|unacceptable|not acceptable|pathetic|useless|disgusting|disgusted|disgrace|disgraceful
joke|incompetent|incompetence|rude|lie|lied|lying|liar|liars|shameful|appalling|trash|garbage
suck|sucks|crap|shit|shitty|screwed|treated like|clueless|stupid|mess up|messed up
doesn't make sense|makes no sense|inconvenience|inconvenienced|wtf|rufkm|smh|ffs|ugh|ughhh|sigh
bruh|fed up|sick of|tired of|so done|i'm done|had enough|frustrated|frustrating|annoyed|annoying
disappointed|disappointing|pissed|furious|angry|upset|fuming|never again|not safe|not happy
not worth|not pleased|never coming back|not flying|never using|not going back|again|every time
every single time|yet again|second time|third notice|5th call|2nd attempt|fourth email|3 times
two calls|several emails|multiple attempts|numerous times|fix this|fix your|sort it out
sort this out|get it together|get your act together|do better|step up|hurry up|what is going on
what's going on|what the hell|what the heck|seriously|what can i do|what can we do|how can i fix
how do i fix|now what|what now|supposed to|why|how is this possible|how can it take|how is that be
how many more|how much longer|how long|cancel my|cancelled all|cancelling our|close my account
switch to|switching to|leaving you|leaving for|going to switch|going to cancel|going to leave
lost my business|can't even|made me cry|made me wait|made me pay|the opposite of|even though
although|instead of|should have|should be|should've|need to have|needs to fix|??|?!|!?|!!!
how do i change my plan?|can i return this?|is there a store near me?|may i ask?|which one?`
    .split(/[|\n]/)
    .map((p) => p.trim());

// A phrase alone, inside a sentence, glued to words and next to non-ASCII letters.
const TEXTS = PHRASES.flatMap((p) => [p, `well, ${p} today.`, `x${p}x`, `é${p}é`, `${p} ${p}`]);

describe.each([
  ['COMPLAINT_CUES', COMPLAINT_CUES],
  ['NOT_COMPLAINT_CUES', NOT_COMPLAINT_CUES],
])('%s keys', (_, table) => {
  const { candidates } = prefilter(table);

  it('flag every cue whose pattern matches (the prefilter never hides a match)', () => {
    const hidden: string[] = [];
    for (const text of TEXTS) {
      const flags = candidates(text);
      table.forEach(({ pattern }, i) => {
        if (flags[i] === 0 && pattern.test(text)) hidden.push(`cue ${i}: ${text}`);
      });
    }
    expect(hidden).toEqual([]);
  });

  it('are exercised: every cue matches one of the phrases', () => {
    const unmatched = table.filter(({ pattern }) => !PHRASES.some((p) => pattern.test(p)));
    expect(unmatched.map((c) => c.pattern.source)).toEqual([]);
  });

  it('each occur in some match of their cue (no dead key)', () => {
    const dead = table.flatMap(({ pattern, keys = [] }) =>
      keys.filter(
        (k) =>
          !TEXTS.some((t) =>
            [...t.matchAll(new RegExp(pattern, 'g'))].some((m) => m[0].includes(k)),
          ),
      ),
    );
    expect(dead).toEqual([]);
  });
});
