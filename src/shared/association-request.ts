/**
 * "Änderung melden" (card) and "Verein eintragen" (list): a disclosure button that opens a
 * small native form in place, sent as JSON to the server's `/api/association-requests`
 * (`requests-action`), moderated there like events. Errors from the server (422) are shown at
 * their fields; the sender's contact is private. A honeypot and the time on the form go along,
 * as with event submissions.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { AssociationMessages } from '../i18n/messages.js';

type Field = 'message' | 'name' | 'town' | 'website' | 'contactName' | 'contactEmail';

export interface RequestSpec {
  kind: 'change' | 'new';
  /** The association a change is about. */
  association?: string;
  /** Prefix of the controls' ids (unique in the shadow root). */
  idPrefix: string;
}

const SERVER_FIELDS: Record<string, Field> = {
  message: 'message',
  name: 'name',
  town: 'town',
  website: 'website',
  'contact.name': 'contactName',
  'contact.email': 'contactEmail',
};

export class AssociationRequestForm implements ReactiveController {
  open = false;
  private phase: 'editing' | 'sending' | 'sent' = 'editing';
  private errors: Partial<Record<Field, string>> = {};
  private failed = false;
  private openedAt = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly spec: () => RequestSpec,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  private get root(): ShadowRoot {
    return this.host.shadowRoot!;
  }

  private id(field: string): string {
    return `${this.spec().idPrefix}-${field}`;
  }

  private toggle(): void {
    this.open = !this.open;
    if (this.open) {
      this.phase = 'editing';
      this.errors = {};
      this.failed = false;
      this.openedAt = performance.now();
    }
    this.host.requestUpdate();
    if (this.open) {
      void (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() =>
        this.root.getElementById(this.id(this.spec().kind === 'change' ? 'message' : 'name'))?.focus(),
      );
    }
  }

  private value(field: string): string {
    return (this.root.getElementById(this.id(field)) as HTMLInputElement | null)?.value.trim() ?? '';
  }

  private async submit(e: Event, action: string, t: AssociationMessages): Promise<void> {
    e.preventDefault();
    if (this.phase === 'sending') return;
    const spec = this.spec();
    const errors: Partial<Record<Field, string>> = {};
    const required: Field[] = [spec.kind === 'change' ? 'message' : 'name', 'contactName', 'contactEmail'];
    for (const f of required) if (!this.value(f)) errors[f] = t.fieldRequired;
    this.errors = errors;
    this.failed = false;
    if (Object.keys(errors).length) return this.showErrors();
    const body: Record<string, unknown> = {
      kind: spec.kind,
      contact: { name: this.value('contactName'), email: this.value('contactEmail') },
      website2: this.value('website2'),
      formTime: Math.round(performance.now() - this.openedAt),
    };
    if (spec.association) body['association'] = spec.association;
    for (const f of ['message', 'name', 'town', 'website'] as const) if (this.value(f)) body[f] = this.value(f);
    this.phase = 'sending';
    this.host.requestUpdate();
    try {
      const response = await fetch(action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await response.json().catch(() => undefined)) as { errors?: Record<string, unknown> } | undefined;
      this.phase = 'editing';
      if (response.ok) this.phase = 'sent';
      else if (response.status === 422 && answer?.errors) {
        for (const [key, message] of Object.entries(answer.errors)) {
          const field = SERVER_FIELDS[key];
          if (field && typeof message === 'string') this.errors[field] = message;
        }
        if (!Object.keys(this.errors).length) this.failed = true;
      } else this.failed = true;
    } catch {
      this.phase = 'editing';
      this.failed = true;
    }
    this.host.requestUpdate();
    if (Object.keys(this.errors).length) this.showErrors();
  }

  private showErrors(): void {
    this.host.requestUpdate();
    const first = (['message', 'name', 'town', 'website', 'contactName', 'contactEmail'] as const).find((f) => this.errors[f]);
    void (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete.then(() => {
      if (first) this.root.getElementById(this.id(first))?.focus();
    });
  }

  private control(
    field: Field,
    label: string,
    opts: { type?: string; textarea?: boolean; required?: boolean; hint?: string } = {},
  ) {
    const id = this.id(field);
    const error = this.errors[field];
    const described = [opts.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const common = { id, described: described || undefined };
    return html`<div class="request-field">
      <label for=${common.id}>${label}${opts.required ? html`<span aria-hidden="true"> *</span>` : nothing}</label>
      ${
        opts.textarea
          ? html`<textarea
              id=${common.id}
              rows="3"
              ?required=${opts.required}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${common.described ?? nothing}
            ></textarea>`
          : html`<input
              id=${common.id}
              type=${opts.type ?? 'text'}
              ?required=${opts.required}
              aria-invalid=${error ? 'true' : 'false'}
              aria-describedby=${common.described ?? nothing}
            />`
      }
      ${opts.hint ? html`<p class="request-hint" id=${`${id}-hint`}>${opts.hint}</p>` : nothing}
      ${error ? html`<p class="request-error" id=${`${id}-error`}>${error}</p>` : nothing}
    </div>`;
  }

  /** The button (part `request-button`) and, while open, the form (part `request-form`). */
  render(action: string | undefined, t: AssociationMessages): TemplateResult | typeof nothing {
    if (!action) return nothing;
    const spec = this.spec();
    const label = spec.kind === 'change' ? t.reportChange : t.register;
    const formId = this.id('form');
    return html`<div class="request" part="request">
      <button
        type="button"
        class="button"
        part="request-button"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${formId}
        @click=${() => this.toggle()}
      >
        ${label}
      </button>
      <div id=${formId} ?hidden=${!this.open}>
        ${
          !this.open
            ? nothing
            : this.phase === 'sent'
              ? html`<p class="request-sent" role="status">${t.sent}</p>`
              : html`<form
                  part="request-form"
                  novalidate
                  aria-label=${label}
                  @submit=${(e: Event) => void this.submit(e, action, t)}
                >
                  <p class="request-hint">${t.requestIntro}</p>
                  ${
                    spec.kind === 'new'
                      ? html`${this.control('name', t.requestName, { required: true })} ${this.control('town', t.requestTown)}
                        ${this.control('website', t.requestWebsite, { type: 'url' })}`
                      : nothing
                  }
                  ${this.control('message', t.requestMessage, { textarea: true, required: spec.kind === 'change' })}
                  ${this.control('contactName', t.yourName, { required: true })}
                  ${this.control('contactEmail', t.yourEmail, { type: 'email', required: true, hint: t.contactPrivate })}
                  <div class="trap" aria-hidden="true">
                    <label for=${this.id('website2')}>Website</label>
                    <input id=${this.id('website2')} type="text" tabindex="-1" autocomplete="off" />
                  </div>
                  ${this.failed ? html`<p class="request-error" role="alert">${t.sendFailed}</p>` : nothing}
                  <div class="request-actions">
                    <button type="submit" class="button" aria-disabled=${this.phase === 'sending' ? 'true' : 'false'}>
                      ${t.send}
                    </button>
                    <button type="button" class="button" @click=${() => this.toggle()}>${t.cancel}</button>
                  </div>
                </form>`
        }
      </div>
    </div>`;
  }
}
