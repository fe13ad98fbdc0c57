// The page of cc4j serve: posts the chosen images to /v1/assign and shows, for each, its cluster, its confidence
// and the cluster's most confident training images (GET /v1/clusters/{k}/examples). Same origin only; no library.
'use strict';

(function () {
  let token = null;
  let limits = { max_images: 256 };
  const exampleUrls = new Map();

  const $ = (id) => document.getElementById(id);

  function headers() {
    return token ? { Authorization: 'Bearer ' + token } : {};
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ headers: headers() }, options || {}));
    if (response.status === 401) {
      $('token-form').hidden = false;
      throw new Error('this server needs a token (enter it above)');
    }
    if (!response.ok) {
      let message = 'HTTP ' + response.status;
      try {
        const body = await response.json();
        if (body && body.error) { message = body.error.message + ' (' + body.error.code + ')'; }
      } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return response;
  }

  function text(tag, content, className) {
    const el = document.createElement(tag);
    el.textContent = content;
    if (className) { el.className = className; }
    return el;
  }

  async function loadModel() {
    try {
      const model = await (await api('/v1/model')).json();
      limits = model.limits || limits;
      let line = model.clusters + ' clusters · ' + model.backbone + ' (' + model.stem + ' stem, width ' + model.width
        + ') · input ' + model.input_size + '×' + model.input_size;
      const scores = model.training && model.training.scores && model.training.scores.results;
      if (scores && scores.length) {
        const s = scores[0];
        line += ' · trained: NMI ' + s.nmi.toFixed(3) + ', ACC ' + s.acc.toFixed(3) + ', ARI ' + s.ari.toFixed(3);
      }
      $('model').textContent = line;
      $('model').dataset.clusters = model.clusters;
    } catch (e) {
      $('model').textContent = 'Model description unavailable: ' + e.message;
    }
  }

  async function examplesUrl(k) {
    if (!exampleUrls.has(k)) {
      exampleUrls.set(k, api('/v1/clusters/' + k + '/examples').then((r) => r.blob()).then((b) => URL.createObjectURL(b)));
    }
    return exampleUrls.get(k);
  }

  function card(file) {
    const el = document.createElement('article');
    el.className = 'result';
    const img = document.createElement('img');
    img.className = 'preview';
    img.alt = file.name;
    img.src = URL.createObjectURL(file);
    const info = document.createElement('div');
    info.appendChild(text('h2', file.name));
    info.appendChild(text('p', 'assigning…', 'muted'));
    el.appendChild(img);
    el.appendChild(info);
    $('results').prepend(el);
    return el;
  }

  function showAnswer(el, answer) {
    const info = el.children[1];
    info.replaceChildren(text('h2', answer.name));
    info.appendChild(text('div', 'cluster ' + answer.cluster, 'cluster'));
    const bar = document.createElement('div');
    bar.className = 'bar';
    const fill = document.createElement('div');
    fill.style.width = Math.round(100 * answer.confidence) + '%';
    bar.appendChild(fill);
    info.appendChild(bar);
    info.appendChild(text('div', 'confidence ' + (100 * answer.confidence).toFixed(1) + '%', 'confidence'));
    el.dataset.cluster = answer.cluster;
    el.dataset.confidence = answer.confidence;
    el.dataset.state = 'done';
    const examples = document.createElement('img');
    examples.className = 'examples';
    examples.alt = 'most confident training images of cluster ' + answer.cluster;
    info.appendChild(text('p', 'Most confident training images of cluster ' + answer.cluster + ':', 'muted'));
    info.appendChild(examples);
    examplesUrl(answer.cluster).then((url) => {
      examples.addEventListener('load', () => { el.dataset.examples = 'loaded'; }, { once: true });
      examples.src = url;
    }).catch((e) => {
      examples.replaceWith(text('p', 'No example images: ' + e.message, 'muted'));
      el.dataset.examples = 'none';
    });
  }

  function showError(el, message) {
    el.classList.add('error');
    el.dataset.state = 'error';
    const info = el.children[1];
    info.replaceChildren(text('h2', el.querySelector('img').alt), text('p', message));
  }

  async function assign(files) {
    const chosen = Array.from(files);
    if (!chosen.length) { return; }
    $('status').textContent = 'Assigning ' + chosen.length + ' image(s)…';
    const per = Math.max(1, limits.max_images || 256);
    let failed = 0;
    for (let from = 0; from < chosen.length; from += per) {
      const part = chosen.slice(from, from + per);
      const cards = part.map(card);
      const form = new FormData();
      part.forEach((f) => form.append('images', f, f.name));
      try {
        const body = await (await api('/v1/assign', { method: 'POST', body: form })).json();
        body.images.forEach((answer, i) => showAnswer(cards[i], answer));
      } catch (e) {
        failed += part.length;
        cards.forEach((c) => showError(c, e.message));
      }
    }
    $('status').textContent = failed ? failed + ' of ' + chosen.length + ' image(s) failed.'
      : 'Assigned ' + chosen.length + ' image(s).';
  }

  document.addEventListener('DOMContentLoaded', () => {
    const drop = $('drop');
    $('files').addEventListener('change', (e) => { assign(e.target.files); e.target.value = ''; });
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      assign(e.dataTransfer.files);
    });
    $('token-form').addEventListener('submit', (e) => {
      e.preventDefault();
      token = $('token').value.trim() || null;
      $('token-form').hidden = true;
      exampleUrls.clear();
      loadModel();
    });
    loadModel();
  });
}());
