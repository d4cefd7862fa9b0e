/**
 * Pictures in the database: a row per picture and a row per rendition, bytes as bytea (PostgreSQL)
 * or blob (SQLite). Written once and never changed, so every URL of a rendition may be cached
 * for ever, by every instance alike.
 */
import type { Kysely } from 'kysely';
import { IMAGE_TYPES, type ImageFormat, type ProcessedImage } from '../images.js';
import type { Database } from './schema.js';

export interface StoredRendition {
  width: number;
  height: number;
  format: ImageFormat;
  /** `<width>.<ext>`: the last part of its URL. */
  name: string;
}

export interface StoredImage {
  id: string;
  width: number;
  height: number;
  renditions: StoredRendition[];
}

export function renditionName(width: number, format: ImageFormat): string {
  return `${width}.${IMAGE_TYPES[format].ext}`;
}

export class ImageStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /** Stores a picture unless one with its id is there already; answers the stored picture. */
  async save(image: ProcessedImage): Promise<StoredImage> {
    const renditions: StoredRendition[] = image.renditions.map((r) => ({
      width: r.width,
      height: r.height,
      format: r.format,
      name: renditionName(r.width, r.format),
    }));
    await this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('images')
        .values({
          id: image.id,
          width: image.width,
          height: image.height,
          renditions: JSON.stringify(renditions),
          created_at: this.now().toISOString(),
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      // Another request (or instance) stored the same file first: its renditions stand.
      if (!inserted.numInsertedOrUpdatedRows) return;
      for (const r of image.renditions) {
        await trx
          .insertInto('image_files')
          .values({
            image_id: image.id,
            name: renditionName(r.width, r.format),
            content_type: IMAGE_TYPES[r.format].type,
            data: r.data,
          })
          .execute();
      }
    });
    return (await this.get(image.id))!;
  }

  async get(id: string): Promise<StoredImage | undefined> {
    const row = await this.db.selectFrom('images').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { id: row.id, width: row.width, height: row.height, renditions: JSON.parse(row.renditions) as StoredRendition[] };
  }

  async file(id: string, name: string): Promise<{ type: string; data: Buffer } | undefined> {
    const row = await this.db
      .selectFrom('image_files')
      .select(['content_type', 'data'])
      .where('image_id', '=', id)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? { type: row.content_type, data: Buffer.from(row.data) } : undefined;
  }
}
