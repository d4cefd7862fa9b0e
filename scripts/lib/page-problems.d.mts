import type { BrowserContext, Page } from 'playwright-core';

export interface PageProblems {
  /** `console: …` for console errors, `page: …` for uncaught exceptions. */
  readonly problems: string[];
  /** Every URL requested, in order. */
  readonly requests: string[];
  /** The CSP violations the page has seen so far, as `directive blocked-uri`. */
  violations(): Promise<string[]>;
}

export declare function watchProblems(page: Page, requestsOf?: Page | BrowserContext): Promise<PageProblems>;
