import { INFERENCE_VERSION, inferSignals, type TextSignals } from './text-model';

const read = (text: string): TextSignals => {
  const s = inferSignals(text);
  if (!s) throw new Error(`no signals for ${text}`);
  return s;
};

describe('inferSignals: sentiment', () => {
  it.each([
    // text, sign of the sentiment, a cue that must be among the sentiment cues
    ['the new menu is good', 1, 'good'],
    ['the new menu is not good', -1, 'not good'],
    ['the new menu is NOT good', -1, 'not good'],
    ["the new menu isn't bad at all", 1, "isn't bad"],
    ['love the new menu 😍', 1, '😍'],
    ['the new menu 😡', -1, '😡'],
    ['the new menu :(', -1, ':('],
    ['the new menu is very bad', -1, 'very bad'],
    ['thanks so much!', 1, 'thanks'],
  ])('%s → sign %d, cue %s', (text, sign, cue) => {
    const s = read(text);
    expect(Math.sign(s.sentiment)).toBe(sign);
    expect(s.sentimentCues).toContain(cue);
  });

  it('reads an intensifier as stronger', () => {
    expect(read('the service was very bad').sentiment).toBeLessThan(
      read('the service was bad').sentiment,
    );
  });

  it.each([
    'I sent my order number and the photos of the box in a DM, thanks',
    'please help, how do I change my plan?',
    '@sprintcare I sent you a DM',
  ])('routine politeness and requests stay neutral: %s', (text) => {
    const s = read(text);
    expect(s.sentiment).toBe(0);
    expect(s.sentimentCues).toEqual([]);
  });

  it('keeps the sentiment in [-1, 1]', () => {
    for (const text of [
      'WORST WORST WORST service ever!!!! 😡😡😡',
      'best best best love love 😍😍😍!!!',
    ]) {
      expect(Math.abs(read(text).sentiment)).toBeLessThanOrEqual(1);
    }
  });
});

describe('inferSignals: complaint', () => {
  it.each([
    // complaints without an angry word, and the cue that decides them
    ['still no refund, 3 weeks', 'still no'],
    ['my parcel never arrived', 'never arrived'],
    ['I was charged twice for one order', 'charged twice'],
    ["can't log in since yesterday", "can't log in"],
    ['the app keeps crashing', 'keeps crashing'],
    ['where is my order? placed it 2 weeks ago', 'where is my order'],
    ['why is my flight delayed again?', 'why'],
    ['no internet for 3 days now', 'no internet'],
  ])('%s is a complaint (cue %s)', (text, cue) => {
    const s = read(text);
    expect(s.complaint).toBe(true);
    expect(s.complaintCues).toContain(cue);
  });

  it.each([
    'can I return this?',
    'how do I change my plan?',
    'does the app have a dark mode?',
    'thank you so much, you guys are the best!',
    'please add dark mode',
    'done, sent you a DM',
  ])('%s is not a complaint', (text) => {
    const s = read(text);
    expect(s.complaint).toBe(false);
    expect(s.complaintCues).toEqual([]);
  });

  it('reads a complaint with positive words (sarcasm) as negative', () => {
    const s = read('great, a third hour on hold, love it');
    expect(s.complaint).toBe(true);
    expect(s.sentiment).toBeLessThan(0);
  });

  it('gives a complaint that voices displeasure a negative tone, a calm report stays neutral', () => {
    expect(read('still waiting for my replacement card').sentiment).toBeLessThan(0);
    const calm = read("my console won't install the game, I restarted it, what can I do?");
    expect(calm.complaint).toBe(true);
    expect(calm.sentiment).toBe(0);
  });
});

describe('inferSignals: languages and empty texts', () => {
  it.each([
    ['Korean', '배송이 아직 안 왔어요 너무 화나요'],
    ['Japanese', '荷物がまだ届きません'],
    ['Spanish', 'mi pedido todavía no ha llegado, qué desastre'],
    ['Spanish, short', 'no funciona mi internet'],
    ['German', 'mein Paket ist immer noch nicht da, das ist schlecht'],
    ['French', "mon colis n'est toujours pas arrivé, c'est nul"],
    ['Portuguese', 'meu pedido não chegou ainda, muito ruim'],
    ['Russian', 'моя посылка до сих пор не пришла'],
  ])('gives no signal for %s', (_language, text) => {
    expect(inferSignals(text)).toBeNull();
  });

  it.each(['', '   ', '@sprintcare https://t.co/abc', '😡😡😡', '12345'])(
    'gives no signal for a text without words: %j',
    (text) => expect(inferSignals(text)).toBeNull(),
  );

  it('accepts null and undefined', () => {
    expect(inferSignals(null)).toBeNull();
    expect(inferSignals(undefined)).toBeNull();
  });
});

describe('inferSignals: handles, URLs, determinism', () => {
  it('ignores handles and URLs ("@sprintcare" is not "care", a link is not a word)', () => {
    const s = read('@sprintcare @HappyBrand I sent the form https://t.co/great-love');
    expect(s.sentiment).toBe(0);
    expect(s.sentimentCues).toEqual([]);
    expect(s.complaint).toBe(false);
  });

  it('is deterministic and versioned', () => {
    const text = '@AppleSupport my phone is not working :( still waiting 2 days';
    expect(read(text)).toEqual(read(text));
    expect(read(text)).toMatchObject({ language: 'en', inferenceVersion: INFERENCE_VERSION });
    expect(read(text).complaint).toBe(true);
  });
});
