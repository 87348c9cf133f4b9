/** Customer texts of every kind the text model reads differently (negation, emoji, questions, other languages). */
export const SAMPLE_TEXTS: readonly string[] = [
  '@acme still waiting for my refund, 3 weeks now',
  'Thank you so much, the new app is great 😍',
  'can I return this if it does not fit?',
  'my package never arrived and nobody answers',
  'The login is not working again. Ridiculous.',
  'not bad at all, really happy with the service',
  'wifi down since yesterday :( any update?',
  'Hola, mi pedido no ha llegado todavía',
  '배송이 너무 늦어요',
  'https://t.co/abc 👍',
  'Why was I charged twice?? Fix this NOW',
  'ok thanks, that worked',
];

/** `n` feedback items cycling through the texts, kinds and provided sentiments. */
export function sampleItems(n: number) {
  const kinds = ['COMMENT', 'QUESTION', 'COMPLAINT', 'PRAISE', 'MENTION'];
  return Array.from({ length: n }, (_, i) => ({
    kind: kinds[i % kinds.length]!,
    sentiment: i % 7 === 3 ? 0.4 : null,
    text: i % 11 === 5 ? null : `${SAMPLE_TEXTS[i % SAMPLE_TEXTS.length]!}${i % 3 ? '' : ' !'}`,
  }));
}
