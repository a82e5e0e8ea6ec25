// A small W3C WebDriver client for tauri-driver. Small enough to read in one sitting, and it
// keeps ONE keep-alive connection: through tauri-driver, clients that open a connection per
// request (`Connection: close`) see intermittent connection resets.
import http from 'node:http';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A WebDriver error, with the W3C error code (`no such element`, ...). */
export class WebDriverError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.code = code;
  }
}

export class WebDriver {
  constructor(port) {
    this.port = port;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.sessionId = null;
  }

  request(method, path, body) {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            ...(payload ? { 'Content-Length': payload.length } : {}),
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed;
            try {
              parsed = JSON.parse(text);
            } catch {
              reject(new Error(`WebDriver answered ${res.statusCode} with non-JSON: ${text.slice(0, 200)}`));
              return;
            }
            const value = parsed.value;
            if (value && typeof value === 'object' && 'error' in value) {
              reject(new WebDriverError(value.error, value.message));
            } else {
              resolve(value);
            }
          });
        },
      );
      req.setTimeout(60_000, () => req.destroy(new Error(`WebDriver ${method} ${path} timed out`)));
      req.on('error', reject);
      if (payload) req.write(payload);
      req.end();
    });
  }

  session(method, path, body) {
    return this.request(method, `/session/${this.sessionId}${path}`, body);
  }

  async start(capabilities) {
    const value = await this.request('POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    this.sessionId = value.sessionId;
    return value;
  }

  async quit() {
    if (this.sessionId === null) return;
    try {
      await this.session('DELETE', '');
    } finally {
      this.sessionId = null;
      this.agent.destroy();
    }
  }

  /** Runs a synchronous script in the page; elements in and out are converted. */
  execute(script, ...args) {
    return this.session('POST', '/execute/sync', { script, args });
  }

  /** Runs a script whose last argument is a callback to call with the result. */
  executeAsync(script, ...args) {
    return this.session('POST', '/execute/async', { script, args });
  }

  async findAll(css) {
    return this.session('POST', '/elements', { using: 'css selector', value: css });
  }

  click(element) {
    return this.session('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  /** Types text into a field, as a person would (key events included). */
  type(element, text) {
    return this.session('POST', `/element/${element[ELEMENT]}/value`, { text });
  }

  attribute(element, name) {
    return this.session('GET', `/element/${element[ELEMENT]}/attribute/${encodeURIComponent(name)}`);
  }

  text(element) {
    return this.session('GET', `/element/${element[ELEMENT]}/text`);
  }

  /** Presses a key with Shift held (`Shift+N`), on whatever has focus. */
  pressWithShift(key) {
    const SHIFT = '\uE008';
    return this.session('POST', '/actions', {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [
            { type: 'keyDown', value: SHIFT },
            { type: 'keyDown', value: key },
            { type: 'keyUp', value: key },
            { type: 'keyUp', value: SHIFT },
          ],
        },
      ],
    });
  }

  /** Presses a key with Control held (`Ctrl+Z`), on whatever has focus. */
  pressWithControl(key) {
    const CONTROL = '\uE009';
    return this.session('POST', '/actions', {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [
            { type: 'keyDown', value: CONTROL },
            { type: 'keyDown', value: key },
            { type: 'keyUp', value: key },
            { type: 'keyUp', value: CONTROL },
          ],
        },
      ],
    });
  }

  /** The window's size and place on the screen. */
  windowRect() {
    return this.session('GET', '/window/rect');
  }

  /** Closes the window the way its close button does (the app exits when it was the last). */
  closeWindow() {
    return this.session('DELETE', '/window');
  }

  /** Presses and releases keys, one after the other, on whatever has focus. */
  pressKeys(...keys) {
    const actions = keys.flatMap((key) => [
      { type: 'keyDown', value: key },
      { type: 'keyUp', value: key },
    ]);
    return this.session('POST', '/actions', {
      actions: [{ type: 'key', id: 'keyboard', actions }],
    });
  }

  /** A PNG of the window, after the last DOM change has been painted (two frames later). */
  async screenshot() {
    await this.executeAsync(
      'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));',
    );
    return Buffer.from(await this.session('GET', '/screenshot'), 'base64');
  }

  /**
   * The elements with an ARIA role and accessible name, found the way assistive technology
   * would: explicit roles, implicit roles (buttons, links, headings, open dialogs, named
   * sections), names from aria-label or from the text that is not aria-hidden.
   */
  async byRole(role, name) {
    return this.execute(
      `const [role, name] = arguments;
       const implicit = {
         button: 'button',
         link: 'a[href]',
         heading: 'h1,h2,h3,h4,h5,h6',
         dialog: 'dialog[open]',
         region: 'section[aria-label],section[aria-labelledby]',
         textbox: 'input:not([type]),input[type=text],input[type=url],input[type=search],textarea',
       };
       const selector = '[role="' + role + '"]' + (implicit[role] ? ',' + implicit[role] : '');
       const visibleText = (el) => {
         const copy = el.cloneNode(true);
         copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
         return copy.textContent.replace(/\\s+/g, ' ').trim();
       };
       const accessibleName = (el) => {
         const label = el.getAttribute('aria-label');
         if (label !== null) return label.trim();
         const labelIds = el.getAttribute('aria-labelledby');
         if (labelIds) {
           return labelIds
             .split(/\\s+/)
             .map((id) => document.getElementById(id))
             .filter(Boolean)
             .map(visibleText)
             .join(' ');
         }
         const labelledBy = el.id && document.querySelector('label[for="' + el.id + '"]');
         if (labelledBy) return visibleText(labelledBy);
         return visibleText(el);
       };
       return [...document.querySelectorAll(selector)].filter(
         (el) => (el.getAttribute('role') ?? role) === role && (name === null || accessibleName(el) === name),
       );`,
      role,
      name ?? null,
    );
  }

  /** Waits for exactly one element with a role and name and returns it. */
  async waitForRole(role, name, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.byRole(role, name);
      if (found.length === 1) return found[0];
      if (Date.now() > deadline) {
        throw new Error(`expected one ${role} named ${JSON.stringify(name)}, found ${found.length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
  }
}
