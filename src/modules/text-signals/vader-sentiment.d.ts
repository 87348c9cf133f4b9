// vader-sentiment ships no types; only the members this module uses are declared.
declare module 'vader-sentiment' {
  export interface VaderScores {
    neg: number;
    neu: number;
    pos: number;
    compound: number;
  }
  export interface VaderSentiText {
    words_and_emoticons: string[];
    is_cap_diff: boolean;
  }
  export const SentimentIntensityAnalyzer: {
    polarity_scores(text: string): VaderScores;
    sentiment_valence(
      valence: number,
      sentiText: VaderSentiText,
      item: string,
      index: number,
      sentiments: number[],
    ): number[];
    but_check(words: string[], sentiments: number[]): number[];
    score_valence(sentiments: number[], text: string): VaderScores;
  };
}
