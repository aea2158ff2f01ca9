import { formatBudgetRemaining, formatBurnRate, type SloAlertEventView } from '@opsdesk/shared';
import { loadConfig, type Config } from '../../config/config.js';

/**
 * Alert webhook (docs/observability.md, "Alert webhook"): each recorded alert state
 * change of an SLO with `notify` is POSTed to SLO_ALERT_WEBHOOK_URL as a Slack-compatible
 * body (`text` for notifications and plain receivers, `blocks` for Slack's layout).
 */
export interface SloWebhookSettings {
  url: string | null;
  /** The console's public origin, to make the runbook link absolute; null leaves it a path. */
  publicUrl: string | null;
}

// Process-wide on purpose, like the audit keyring: the evaluation and delivery jobs are
// built-in kinds without access to the app's config. Until set (main.ts, tests) it is
// what the process environment configures.
let configured: SloWebhookSettings | undefined;

export function configureSloAlertWebhook(config: Pick<Config, 'SLO_ALERT_WEBHOOK_URL' | 'PUBLIC_URL'>): void {
  configured = { url: config.SLO_ALERT_WEBHOOK_URL ?? null, publicUrl: config.PUBLIC_URL ?? null };
}

export function sloAlertWebhook(): SloWebhookSettings {
  return (configured ??= (({ SLO_ALERT_WEBHOOK_URL, PUBLIC_URL }) => ({ url: SLO_ALERT_WEBHOOK_URL ?? null, publicUrl: PUBLIC_URL ?? null }))(loadConfig()));
}

/** Slack's mrkdwn needs &, < and > escaped; everything else passes. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

export function sloAlertMessage(event: SloAlertEventView, publicUrl: string | null): SlackMessage {
  const firing = event.state === 'firing';
  const slo = `${event.service}/${event.sloName}`;
  const headline = `${firing ? 'FIRING' : 'RESOLVED'} (${event.severity}): SLO ${slo} ${firing ? 'is burning its error budget too fast' : 'is no longer burning too fast'}`;
  const rates = `burn rate ${formatBurnRate(event.longBurnRate)} (long window), ${formatBurnRate(event.shortBurnRate)} (short window)`;
  const budget = `error budget left ${formatBudgetRemaining(event.budgetRemaining)}`;
  const runbookUrl = event.runbook ? (publicUrl ? new URL(event.runbook.href, publicUrl).toString() : event.runbook.href) : null;
  const runbookText = event.runbook && runbookUrl ? (publicUrl ? `<${runbookUrl}|${escape(event.runbook.title)}>` : `${escape(event.runbook.title)} (${runbookUrl})`) : null;

  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: headline.slice(0, 150) } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*SLO*\n${escape(slo)}` },
        { type: 'mrkdwn', text: `*Alert*\n${event.rule} (${event.severity})` },
        { type: 'mrkdwn', text: `*Burn rate*\n${formatBurnRate(event.longBurnRate)} long, ${formatBurnRate(event.shortBurnRate)} short` },
        { type: 'mrkdwn', text: `*Error budget left*\n${formatBudgetRemaining(event.budgetRemaining)}` },
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `At ${event.at} · event ${event.id}` }] },
  ];
  if (runbookText) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Runbook:* ${runbookText}` } });
  // Slack buttons need an absolute URL: only with PUBLIC_URL.
  if (event.runbook && publicUrl && runbookUrl) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: event.runbook.title.slice(0, 75) }, url: runbookUrl }] });
  }
  return { text: [`${headline}: ${rates}; ${budget}.`, runbookText ? `Runbook: ${runbookText}` : ''].filter(Boolean).join(' '), blocks };
}

const TIMEOUT_MS = 10_000;

/**
 * A receiver behind basic auth is configured as https://user:password@host/…, but fetch
 * refuses such a URL, and its error quotes the URL, password included, into the event's
 * delivery error that every SLO reader sees. The credentials travel as a header instead
 * (as for PROMETHEUS_URL, prometheusClient.ts), and the URL fetched holds none.
 */
function webhookTarget(url: string): { href: string; authorization: Record<string, string> } {
  const target = new URL(url);
  if (!target.username && !target.password) return { href: target.href, authorization: {} };
  const credentials = Buffer.from(`${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`).toString('base64');
  target.username = '';
  target.password = '';
  return { href: target.href, authorization: { authorization: `Basic ${credentials}` } };
}

/** POSTs once; throws with the receiver's status and the start of its answer when it is not 2xx. */
export async function postSloAlert(url: string, eventId: string, message: SlackMessage, signal: AbortSignal): Promise<void> {
  const { href, authorization } = webhookTarget(url);
  const response = await fetch(href, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': eventId, 'user-agent': 'Opsdesk SLO alerts', ...authorization },
    body: JSON.stringify(message),
    signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
    redirect: 'error',
  });
  if (response.ok) {
    await response.body?.cancel();
    return;
  }
  const answer = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ');
  throw new Error(`The webhook answered HTTP ${response.status}${answer ? `: ${answer}` : ''}`);
}
