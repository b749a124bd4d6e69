// Shows revealed EAB credentials with copy buttons and ready-made ACME client commands, or why they are gone.
import { ApiError, describe, formatDate, holdButton, postJson, show } from './api.js';
import { copyButton } from './ui.js';

function field(list, label, value, id) {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  const code = document.createElement('code');
  code.className = 'mono wrap-anywhere';
  code.id = id;
  code.textContent = value;
  dd.append(code, ' ', copyButton(value, label));
  list.append(dt, dd);
}

const CLIENT_NAMES = { certbot: 'certbot', lego: 'lego', 'acme.sh': 'acme.sh' };

export function renderCredentials(container, credentials) {
  container.replaceChildren();
  const warning = document.createElement('div');
  warning.className = 'callout warning';
  warning.setAttribute('role', 'note');
  const strong = document.createElement('strong');
  strong.textContent = credentials.warning || 'Record these credentials now and store them securely.';
  warning.append(strong);
  const until = document.createElement('p');
  until.className = 'meta';
  until.textContent = `Shown here until ${formatDate(credentials.revealableUntil)}; after that they cannot be shown or regenerated.`;
  warning.append(until);

  const list = document.createElement('dl');
  list.className = 'facts credentials';
  field(list, 'EAB key ID', credentials.eabKeyId, 'eab-key-id');
  field(list, 'EAB HMAC key', credentials.eabHmacKey, 'eab-hmac-key');
  field(list, 'ACME directory URL', credentials.acmeDirectoryUrl, 'acme-directory');

  const clientsTitle = document.createElement('h3');
  clientsTitle.textContent = 'Configure your ACME client';
  container.append(warning, list, clientsTitle);
  for (const [client, command] of Object.entries(credentials.clients || {})) {
    const figure = document.createElement('figure');
    figure.className = 'snippet';
    const caption = document.createElement('figcaption');
    caption.textContent = CLIENT_NAMES[client] || client;
    caption.append(' ', copyButton(command, `${client} command`));
    const pre = document.createElement('pre');
    pre.tabIndex = 0;
    const code = document.createElement('code');
    code.textContent = command;
    pre.append(code);
    figure.append(caption, pre);
    container.append(figure);
  }
}

export function renderGone(container, error) {
  container.replaceChildren();
  const box = document.createElement('div');
  box.className = 'callout';
  box.setAttribute('role', 'note');
  const title = document.createElement('h3');
  title.textContent = 'The credentials are no longer shown';
  const detail = document.createElement('p');
  detail.textContent = error.problem.detail || 'The seven days after the order date have passed.';
  const advice = document.createElement('p');
  advice.textContent = 'EAB credentials are available in the portal for seven days after the order date only. '
    + 'They were not changed: ACME clients configured with them keep working, and the copy you recorded can set up '
    + 'further clients. If no copy was kept, a new CaaS subscription brings new credentials.';
  box.append(title, detail, advice);
  container.append(box);
}

/**
 * Asks eab-service for the credentials of a CaaS line and shows the answer.
 * @param body {caReference} or {token}
 */
export async function reveal(body, { container, errorElement, button }) {
  show(errorElement, '');
  button.disabled = true;
  try {
    const credentials = await postJson('/api/caas/credentials', body);
    renderCredentials(container, credentials);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 410) {
      renderGone(container, error);
    } else {
      container.replaceChildren();
      show(errorElement, describe(error));
      if (error instanceof ApiError && error.status === 429 && error.retryAfterSeconds) {
        holdButton(button, error.retryAfterSeconds);
        return false;
      }
    }
    return false;
  } finally {
    if (!button.dataset.label || button.textContent === button.dataset.label) button.disabled = false;
  }
}
