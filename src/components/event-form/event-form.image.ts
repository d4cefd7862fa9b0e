/**
 * The picture part of the form: a real file input with its label (the drop zone around it is an
 * enhancement), the upload to the server's `/api/images` with progress, the preview, and the
 * text alternative, credit and licence that go with the picture. An upload that fails or breaks
 * off changes nothing else in the draft.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { IMAGE_LICENSES, type ImageLicense, type Locale } from '../../core/index.js';
import { field, select, type Controls } from './event-form.controls.js';

export interface ImageMessages {
  legend: string;
  choose: string;
  fileHint: (maxMb: number) => string;
  dropHint: string;
  uploading: (name: string, percent?: number) => string;
  uploaded: string;
  removed: string;
  remove: string;
  preview: string;
  alt: string;
  altHint: string;
  credit: string;
  creditHint: string;
  license: string;
  licenses: Record<ImageLicense, string>;
  errors: {
    tooLarge: (maxMb: number) => string;
    heic: string;
    notImage: string;
    network: string;
    server: (status: number) => string;
    rateLimited: string;
  };
}

export const imageMessages: Record<Locale, ImageMessages> = {
  de: {
    legend: 'Bild',
    choose: 'Bilddatei',
    fileHint: (maxMb) =>
      `Ein Foto oder Plakat als JPEG, PNG, WebP oder AVIF, höchstens ${maxMb} MB. Ortsangaben und andere Metadaten der Datei werden entfernt.`,
    dropHint: 'Sie können die Datei auch hierher ziehen.',
    uploading: (name, percent) => `„${name}“ wird hochgeladen${percent === undefined ? ' …' : ` … ${percent} %`}`,
    uploaded: 'Das Bild ist hochgeladen. Bitte beschreiben Sie es im Feld „Alternativtext“.',
    removed: 'Das Bild wurde entfernt.',
    remove: 'Bild entfernen',
    preview: 'Vorschau',
    alt: 'Alternativtext',
    altHint:
      'Beschreiben Sie in einem Satz, was auf dem Bild zu sehen ist und was davon für die Veranstaltung wichtig ist, z. B. „Der Posaunenchor spielt vor dem Altar der Stephanikirche“. Nicht: „Bild“, „Foto“ oder den Dateinamen. Text auf einem Plakat schreiben Sie ab.',
    credit: 'Urheber/in',
    creditHint: 'Wer hat das Foto oder Plakat gemacht? Der Name steht unter dem Bild.',
    license: 'Lizenz des Bildes',
    licenses: {
      'CC-BY-4.0': 'CC BY 4.0 (Namensnennung)',
      'CC-BY-SA-4.0': 'CC BY-SA 4.0 (Namensnennung, Weitergabe unter gleichen Bedingungen)',
      'CC0-1.0': 'CC0 (gemeinfrei)',
      'calendar-only': 'nur für diesen Kalender',
    },
    errors: {
      tooLarge: (maxMb) => `Die Datei ist zu groß (höchstens ${maxMb} MB). Bitte verkleinern Sie das Bild vor dem Hochladen.`,
      heic: 'Fotos im HEIC-Format (iPhone) können wir nicht lesen. Bitte speichern oder teilen Sie das Foto als JPEG und wählen Sie es dann erneut aus.',
      notImage: 'Diese Datei ist kein Bild. Bitte wählen Sie ein Foto oder eine Grafik als JPEG, PNG, WebP oder AVIF.',
      network:
        'Das Bild konnte nicht hochgeladen werden (keine Verbindung). Ihre übrigen Angaben bleiben erhalten; bitte versuchen Sie es erneut.',
      server: (status) => `Das Bild konnte nicht hochgeladen werden (Fehler ${status}). Ihre übrigen Angaben bleiben erhalten.`,
      rateLimited:
        'Sie haben zu viele Bilder in kurzer Zeit hochgeladen. Bitte warten Sie etwas und versuchen Sie es dann erneut.',
    },
  },
  en: {
    legend: 'Picture',
    choose: 'Picture file',
    fileHint: (maxMb) =>
      `A photo or poster as JPEG, PNG, WebP or AVIF, at most ${maxMb} MB. Location data and other metadata are removed from the file.`,
    dropHint: 'You can also drag the file here.',
    uploading: (name, percent) => `Uploading “${name}”${percent === undefined ? ' …' : ` … ${percent} %`}`,
    uploaded: 'The picture is uploaded. Please describe it in the “Alternative text” field.',
    removed: 'The picture was removed.',
    remove: 'Remove picture',
    preview: 'Preview',
    alt: 'Alternative text',
    altHint:
      'Say in one sentence what the picture shows and what of it matters for the event, e.g. “The brass choir playing in front of the altar of St Stephen’s”. Not “picture”, “photo” or the file name. Copy the text of a poster.',
    credit: 'Creator',
    creditHint: 'Who took the photo or made the poster? The name is shown below the picture.',
    license: 'Licence of the picture',
    licenses: {
      'CC-BY-4.0': 'CC BY 4.0 (attribution)',
      'CC-BY-SA-4.0': 'CC BY-SA 4.0 (attribution, share alike)',
      'CC0-1.0': 'CC0 (public domain)',
      'calendar-only': 'only for this calendar',
    },
    errors: {
      tooLarge: (maxMb) => `The file is too large (at most ${maxMb} MB). Please make the picture smaller before uploading.`,
      heic: 'We cannot read photos in HEIC format (iPhone). Please save or share the photo as JPEG and choose it again.',
      notImage: 'This file is not a picture. Please choose a photo or graphic as JPEG, PNG, WebP or AVIF.',
      network: 'The picture could not be uploaded (no connection). Everything else you entered is kept; please try again.',
      server: (status) => `The picture could not be uploaded (error ${status}). Everything else you entered is kept.`,
      rateLimited: 'You uploaded too many pictures in a short time. Please wait a little and try again.',
    },
  },
};

/** The largest file the server takes (its default); larger ones are refused before uploading. */
export const MAX_IMAGE_MB = 15;
const ACCEPT = 'image/jpeg,image/png,image/webp,image/avif,.jpg,.jpeg,.png,.webp,.avif,.heic,.heif';
const ACCEPTED_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif']);

/** The upload URL: `images-action`, else `images` beside the submission URL (`/api/submissions` → `/api/images`). */
export function imagesEndpoint(action: string, override: string | undefined): string | undefined {
  const base = typeof document === 'undefined' ? 'http://localhost/' : document.baseURI;
  try {
    if (override) return new URL(override, base).href;
    return action ? new URL('images', new URL(action, base)).href : undefined;
  } catch {
    return undefined;
  }
}

/** Why a file is refused before it is sent, or undefined. */
export function fileProblem(file: File, t: ImageMessages): string | undefined {
  const name = file.name.toLowerCase();
  if (/\.(heic|heif)$/.test(name) || /^image\/hei[cf]/.test(file.type)) return t.errors.heic;
  if (file.size > MAX_IMAGE_MB * 1024 * 1024) return t.errors.tooLarge(MAX_IMAGE_MB);
  if (file.type && !ACCEPTED_TYPES.has(file.type)) return t.errors.notImage;
  return undefined;
}

/** What the server answered for an upload (the parts the form keeps). */
export interface UploadedImage {
  id: string;
  /** A small rendition, for the preview. */
  preview: string;
  width: number;
  height: number;
}

export type UploadOutcome = { ok: true; image: UploadedImage } | { ok: false; status: number; message?: string };

/**
 * POSTs the file as multipart/form-data (field `file`) with progress. XMLHttpRequest, because
 * fetch reports no upload progress.
 */
export function uploadImage(url: string, file: File, onProgress: (percent: number) => void): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    });
    xhr.addEventListener('load', () => {
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(xhr.responseText) as Record<string, unknown>;
      } catch {
        body = undefined;
      }
      const image = body && xhr.status === 201 ? readUpload(body) : undefined;
      if (image) resolve({ ok: true, image });
      else {
        const message = typeof body?.['error'] === 'string' && xhr.status >= 400 && xhr.status < 500 ? body['error'] : undefined;
        resolve(message === undefined ? { ok: false, status: xhr.status || 0 } : { ok: false, status: xhr.status, message });
      }
    });
    for (const type of ['error', 'abort', 'timeout'] as const)
      xhr.addEventListener(type, () => resolve({ ok: false, status: 0 }));
    const data = new FormData();
    data.append('file', file, file.name);
    xhr.send(data);
  });
}

function readUpload(body: Record<string, unknown>): UploadedImage | undefined {
  const { id, width, height, sizes } = body;
  if (typeof id !== 'string' || typeof width !== 'number' || typeof height !== 'number' || !Array.isArray(sizes))
    return undefined;
  const jpegs = (sizes as { url?: unknown; width?: unknown; type?: unknown }[]).filter(
    (s) => typeof s.url === 'string' && s.type === 'image/jpeg',
  );
  const small = jpegs[0]?.url ?? body['url'];
  if (typeof small !== 'string') return undefined;
  return { id, preview: small, width, height };
}

export interface ImageView {
  c: Controls;
  t: ImageMessages;
  /** The upload running now: file name and progress. */
  uploading?: { name: string; percent?: number };
  /** The drop zone has a file over it. */
  dragging: boolean;
  choose(file: File): void;
  remove(): void;
  drag(over: boolean): void;
}

export function imageSection(view: ImageView): TemplateResult {
  const { c, t } = view;
  const v = c.form;
  const has = v.image !== '';
  const error = c.errors.image;
  const described = ['f-image-hint', 'f-image-status', error ? 'f-image-error' : ''].filter(Boolean).join(' ');
  const onChange = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // the same file may be chosen again after an error
    if (file) view.choose(file);
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    view.drag(false);
    const file = e.dataTransfer?.files[0];
    if (file) view.choose(file);
  };
  const onDragOver = (e: DragEvent): void => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    if (!view.dragging) view.drag(true);
  };
  const width = Number(v.imageWidth) || undefined;
  const height = Number(v.imageHeight) || undefined;
  return html`<fieldset class="image-section" part="image-section">
    <legend>${t.legend}</legend>
    <div
      class="dropzone ${view.dragging ? 'dropzone--active' : ''}"
      part="image-dropzone"
      @dragover=${onDragOver}
      @dragenter=${onDragOver}
      @dragleave=${() => view.drag(false)}
      @drop=${onDrop}
    >
      <label for="f-image">${t.choose}</label>
      <p class="hint" id="f-image-hint">${t.fileHint(MAX_IMAGE_MB)} ${t.dropHint}</p>
      ${error ? html`<p class="error" id="f-image-error">${error}</p>` : nothing}
      <input
        id="f-image"
        type="file"
        accept=${ACCEPT}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described}
        ?disabled=${view.uploading !== undefined}
        @change=${onChange}
      />
      <p class="upload-status" id="f-image-status">
        ${view.uploading ? t.uploading(view.uploading.name, view.uploading.percent) : nothing}
      </p>
      ${
        view.uploading
          ? html`<progress max="100" .value=${view.uploading.percent ?? 0} aria-labelledby="f-image-status"></progress>`
          : nothing
      }
    </div>
    ${
      has
        ? html`<figure class="image-preview">
              <img
                part="image-preview"
                src=${v.imagePreview}
                alt=${v.imageAlt.trim() ? `${t.preview}: ${v.imageAlt.trim()}` : t.preview}
                width=${width ?? nothing}
                height=${height ?? nothing}
              />
              <button type="button" class="button" part="image-remove" @click=${() => view.remove()}>${t.remove}</button>
            </figure>
            ${field(c, 'imageAlt', t.alt, { required: true, hint: t.altHint, type: 'textarea' })}
            ${field(c, 'imageCredit', t.credit, { hint: t.creditHint, autocomplete: 'off' })}
            ${select(
              c,
              'imageLicense',
              t.license,
              IMAGE_LICENSES.map((l): [string, string] => [l, t.licenses[l]]),
              c.choose,
              '',
              true,
            )}`
        : nothing
    }
  </fieldset>`;
}
