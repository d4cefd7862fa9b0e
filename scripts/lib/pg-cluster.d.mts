export declare class ClusterUnavailable extends Error {}
export declare function findPostgresBin(): string | undefined;
export interface Cluster {
  url: string;
  adminUrl: string;
  port: number;
  dir: string;
  bin: string;
  stop(): void;
  pause(): void;
  resume(): void;
}
export declare function startCluster(): Promise<Cluster>;
