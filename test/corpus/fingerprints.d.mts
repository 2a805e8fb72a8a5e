export declare const shingleWords: number;
export declare function words(text: string): string[];
export declare function hash(text: string): string;
export declare function shingles(text: string): Array<{ hash: string; words: string }>;
