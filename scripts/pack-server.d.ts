export declare function stageServer(dir: string): string;
