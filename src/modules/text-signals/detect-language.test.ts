import { detectLanguage } from './detect-language';
import { normaliseText } from './normalise-text';

const detect = (text: string): string | null => {
  const n = normaliseText(text);
  return detectLanguage(n.clean, n.words);
};

describe('detectLanguage', () => {
  it.each([
    ['@AppleSupport my phone is not working', 'en'],
    ['worst service ever', 'en'],
    ['I did.', 'en'],
    ['gracias por la ayuda, ya funciona', 'es'],
    ['¿dónde está mi pedido?', 'es'],
    ['obrigado pela ajuda, já está funcionando', 'pt'],
    ['merci pour votre aide', 'fr'],
    ['danke für die Hilfe, es funktioniert', 'de'],
    ['grazie per l’aiuto', 'it'],
    ['het werkt niet, bedankt', 'nl'],
    ['배송이 아직 안 왔어요', 'ko'],
    ['荷物がまだ届きません', 'ja'],
    ['我的包裹还没到', 'zh'],
    ['моя посылка не пришла', 'ru'],
    ['@brand 😡 https://t.co/x', null],
    ['iOS 11.1', null],
  ])('%s → %s', (text, language) => expect(detect(text)).toBe(language));
});
