import { normaliseText } from './normalise-text';

describe('normaliseText', () => {
  it.each([
    // text, clean, emoji
    ['@sprintcare hi there', 'hi there', []],
    ['hi @sprintcare and @AskPayPal', 'hi and', []],
    ['mail me at joe@example.com', 'mail me at joe@example.com', []],
    ['see https://t.co/abc and www.x.com now', 'see and now', []],
    ['Please send us a DM. -KC', 'Please send us a DM.', []],
    ['fish &amp; chips', 'fish & chips', []],
    ['still broken 😡😡 🤦🏻‍♀️', 'still broken', ['😡', '😡', '🤦🏻‍♀️']],
    ['not again :( ok :)', 'not again ok', [':(', ':)']],
    ['I don’t know', "I don't know", []],
  ])('%j → %j', (text, clean, emoji) => {
    const n = normaliseText(text);
    expect(n.clean).toBe(clean);
    expect(n.emoji).toEqual(emoji);
  });

  it('lower-cases the words and keeps contractions whole', () => {
    expect(normaliseText("@x Can't LOG in 2day!").words).toEqual(["can't", 'log', 'in', '2day']);
  });
});
