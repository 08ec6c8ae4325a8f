/*
 * Shangliang web chat client. Protocol (see WebChatHub): connect to /ws/chat?uid=&token=&place=&since=; the server
 * says {"type":"hello","token"[,"place"]} (the session token that proves this browser owns the uid: kept, sent on every
 * reconnect; without it the server refuses a uid already in use, and we start again under a new uid; "place" only when
 * the preset place is a configured one: the header shows nothing else); we send {"type":"message","id","text"}; it
 * answers {"type":"ack","id"[,"duplicate"]} once the
 * message is durably queued, {"type":"error","id","error"} when refused, and {"type":"reply","entry","text",
 * "in_reply_to"} for each reply.
 *
 * Nothing the user typed is lost: the draft is kept in the textarea (and in localStorage), a sent message stays in
 * the outbox until its ack and is resent with the same id after every reconnect (the server drops duplicates), and
 * the last reply entry seen is passed as "since" so replies missed while offline arrive on reconnect.
 *
 * A dead connection is noticed within a few seconds: every HEARTBEAT_MS (and right after sending) we send
 * {"type":"ping"} and expect a frame back within PONG_TIMEOUT_MS; when none comes the socket is dropped at once
 * (close() would wait for a closing handshake that never comes), the badge says so, and the outbox waits.
 *
 * All user and bot text goes into the page through textContent, never as HTML.
 */
(function () {
  'use strict';

  var KEY = {
    uid: 'shangliang.uid',
    token: 'shangliang.token',
    outbox: 'shangliang.outbox',
    since: 'shangliang.since',
    transcript: 'shangliang.transcript',
    draft: 'shangliang.draft'
  };
  var UID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
  var ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  var BACKOFF_FIRST_MS = 1000;
  var BACKOFF_MAX_MS = 10000;
  var ACK_TIMEOUT_MS = 15000;       // no ack this long: treat the connection as dead and reconnect
  var HEARTBEAT_MS = 5000;          // ping this often while connected
  var PONG_TIMEOUT_MS = 3000;       // no frame this long after a ping: the connection is dead
  var TRACKING_NO = /[A-Z]{2,4}-\d{8}-\d{4}/g;
  var SEND_LIMIT = 25;              // per minute and connection; the server refuses above 30 per uid
  var MAX_TEXT = 4000;              // characters, as the server counts them (code points)
  var MAX_FRAME_BYTES = 16000;      // the server closes connections sending larger frames
  var TRANSCRIPT_KEEP = 200;

  var TEXT = {
    connecting: '正在连接…',
    open: '已连接',
    reconnecting: '连接断开，正在重新连接…',
    offline: '网络已断开，恢复后会自动重新连接',
    me: '我',
    bot: '商量小助手',
    sending: '发送中…',
    waiting: '等待连接，连上后自动发送',
    failed: '没有发出。',
    busy: '服务器正忙，稍后会自动重发',
    tooFast: '您发得太快了，请稍等一会儿再发。',
    tooLong: '这段话太长了，请分几次发送（每次不超过 4000 字）。',
    serverError: '出了点问题：',
    empty: '内容是空的。',
    broken: '页面出错了，请刷新后再试。'
  };

  /* ---------- storage that survives private mode (falls back to memory) ---------- */

  var memory = {};
  var store = {
    get: function (key) {
      try {
        var value = window.localStorage.getItem(key);
        return value === null ? memory[key] : value;
      } catch (e) {
        return memory[key];
      }
    },
    set: function (key, value) {
      memory[key] = value;
      try {
        window.localStorage.setItem(key, value);
      } catch (e) { /* quota or privacy mode: memory copy stays */ }
    },
    json: function (key, fallback) {
      var raw = store.get(key);
      if (!raw) {
        return fallback;
      }
      try {
        return JSON.parse(raw);
      } catch (e) {
        return fallback;
      }
    }
  };

  function randomId(length) {
    var out = '';
    var bytes = new Uint8Array(length);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < length; i++) {
        bytes[i] = Math.floor(Math.random() * 256);
      }
    }
    for (var j = 0; j < length; j++) {
      out += ID_ALPHABET.charAt(bytes[j] % ID_ALPHABET.length);
    }
    return out;
  }

  function userId() {
    var uid = store.get(KEY.uid);
    if (!uid || !UID_PATTERN.test(uid)) {
      uid = 'w' + randomId(23);
      store.set(KEY.uid, uid);
    }
    return uid;
  }

  /** Message ids are unique across users: the server dedupes by (channel, id). */
  function messageId() {
    return 'm' + Date.now().toString(36) + '-' + randomId(16);
  }

  /** Orders Redis stream ids "ms-seq". */
  function entryAfter(a, b) {
    if (!b) {
      return true;
    }
    var pa = String(a).split('-');
    var pb = String(b).split('-');
    var ma = Number(pa[0]);
    var mb = Number(pb[0]);
    if (ma !== mb) {
      return ma > mb;
    }
    return Number(pa[1] || 0) > Number(pb[1] || 0);
  }

  function utf8Length(text) {
    var bytes = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : (c >= 0xd800 && c < 0xdc00) ? 4 : (c >= 0xdc00 && c < 0xe000) ? 0 : 3;
    }
    return bytes;
  }

  function codePoints(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (!(c >= 0xdc00 && c < 0xe000)) {
        n++;
      }
    }
    return n;
  }

  /* ---------- state ---------- */

  var uid = userId();
  var params = new URLSearchParams(window.location.search);
  var place = (params.get('place') || '').trim().slice(0, 64);
  var outbox = store.json(KEY.outbox, []);          // [{id, text}] sent or to send, not yet acked
  var transcript = store.json(KEY.transcript, []);  // [{k:'me'|'bot'|'note', text, id?, entry?, err?}]
  var since = store.get(KEY.since) || '';

  var socket = null;
  var ready = false;          // hello received on the current socket
  var attempt = 0;
  var reconnectTimer = null;
  var paceTimer = null;
  var held = false;           // test hook: keep the connection down until released
  var inFlight = {};          // id -> time sent on the current socket
  var sentTimes = [];         // send times on the current socket, for pacing
  var hellos = 0;             // connections established since the page loaded
  var pingSent = 0;           // time of the unanswered ping on the current socket, 0 when none
  var heartbeatTimer = null;
  var stickToEnd = true;      // the newest message is in view: keep it there when the screen changes size

  var els = {};

  /* ---------- rendering ---------- */

  function setStatus(state, words) {
    els.status.setAttribute('data-state', state);
    if (els.statusText.textContent !== words) {
      els.statusText.textContent = words;
    }
  }

  function itemFor(id) {
    // ids come from messageId(): letters, digits and '-', safe in a selector without escaping
    return id ? els.log.querySelector('li[data-id="' + id + '"]') : null;
  }

  function render(item) {
    var li = document.createElement('li');
    li.className = 'msg ' + item.k;
    var who = document.createElement('span');
    who.className = 'who';
    var body = document.createElement('p');
    body.className = 'body';
    appendText(body, item.text);
    if (item.k === 'me') {
      li.setAttribute('data-id', item.id);
      who.textContent = TEXT.me + '：';
      who.className = 'visually-hidden';
    } else if (item.k === 'bot') {
      if (item.entry) {
        li.setAttribute('data-entry', item.entry);
      }
      who.textContent = TEXT.bot + '：';
    } else {
      who.textContent = '';
      who.className = 'visually-hidden';
    }
    li.appendChild(who);
    li.appendChild(body);
    if (item.k === 'me') {
      var state = document.createElement('span');
      state.className = 'state';
      state.setAttribute('aria-hidden', 'true'); // "sending…" is not worth announcing; a failure is (markMine)
      li.appendChild(state);
    }
    els.list.appendChild(li);
    document.body.classList.add('has-messages');
    if (item.k === 'me') {
      markMine(item.id);
    }
    return li;
  }

  /** Text with tracking numbers kept on one line (they would otherwise wrap at a hyphen). */
  function appendText(parent, text) {
    var last = 0;
    var match;
    TRACKING_NO.lastIndex = 0;
    while ((match = TRACKING_NO.exec(text)) !== null) {
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var number = document.createElement('span');
      number.className = 'tracking';
      number.textContent = match[0];
      parent.appendChild(number);
      last = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function markMine(id) {
    var li = itemFor(id);
    if (!li) {
      return;
    }
    var state = li.querySelector('.state');
    var failed = findTranscript(id);
    li.classList.remove('pending', 'failed');
    state.setAttribute('aria-hidden', failed && failed.err ? 'false' : 'true');
    if (failed && failed.err) {
      li.classList.add('failed');
      state.textContent = TEXT.failed + failed.err;
    } else if (outboxIndex(id) >= 0) {
      li.classList.add('pending');
      state.textContent = ready ? TEXT.sending : TEXT.waiting;
    } else {
      state.textContent = '';
    }
  }

  function markAllPending() {
    for (var i = 0; i < outbox.length; i++) {
      markMine(outbox[i].id);
    }
  }

  function scrollToEnd() {
    els.log.scrollTop = els.log.scrollHeight;
    stickToEnd = true;
  }

  /** After a resize (keyboard, zoom, rotation) the newest message stays in view if it was before. */
  function keepEndInView() {
    if (stickToEnd) {
      els.log.scrollTop = els.log.scrollHeight;
    }
  }

  function onLogScroll() {
    stickToEnd = els.log.scrollHeight - els.log.scrollTop - els.log.clientHeight < 24;
  }

  function addToLog(item) {
    transcript.push(item);
    if (transcript.length > TRANSCRIPT_KEEP) {
      transcript.splice(0, transcript.length - TRANSCRIPT_KEEP);
    }
    saveTranscript();
    render(item);
    scrollToEnd();
  }

  function note(text) {
    addToLog({ k: 'note', text: text });
  }

  function findTranscript(id) {
    for (var i = transcript.length - 1; i >= 0; i--) {
      if (transcript[i].k === 'me' && transcript[i].id === id) {
        return transcript[i];
      }
    }
    return null;
  }

  function saveTranscript() {
    store.set(KEY.transcript, JSON.stringify(transcript));
  }

  function saveOutbox() {
    store.set(KEY.outbox, JSON.stringify(outbox));
  }

  function outboxIndex(id) {
    for (var i = 0; i < outbox.length; i++) {
      if (outbox[i].id === id) {
        return i;
      }
    }
    return -1;
  }

  function removeFromOutbox(id) {
    var i = outboxIndex(id);
    if (i >= 0) {
      outbox.splice(i, 1);
      saveOutbox();
    }
    delete inFlight[id];
    markMine(id);
  }

  /* ---------- connection ---------- */

  function socketUrl() {
    var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    var query = 'uid=' + encodeURIComponent(uid);
    var token = store.get(KEY.token);
    if (token) {
      query += '&token=' + encodeURIComponent(token);
    }
    if (place) {
      query += '&place=' + encodeURIComponent(place);
    }
    // "0" (all kept replies) until a first reply is seen: a brand-new user has none, and a reply that arrives
    // while the first connection is down is then not skipped.
    query += '&since=' + encodeURIComponent(since || '0');
    return scheme + '//' + window.location.host + '/ws/chat?' + query;
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (held || (socket && socket.readyState <= 1)) {
      return;
    }
    ready = false;
    inFlight = {};
    sentTimes = [];
    setStatus('connecting', attempt === 0 ? TEXT.connecting : TEXT.reconnecting);
    var ws;
    try {
      ws = new WebSocket(socketUrl());
    } catch (e) {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onmessage = function (event) {
      if (ws === socket) {
        heard();
        onFrame(event.data);
      }
    };
    ws.onclose = function (event) {
      if (ws === socket) {
        onClosed(event);
      }
    };
    ws.onerror = function () { /* onclose follows */ };
  }

  /** Drops a socket without waiting for a closing handshake, as if the network had closed it. */
  function drop(ws, code, reason) {
    ws.onmessage = null;
    ws.onclose = null;
    try {
      ws.close(code, reason);
    } catch (e) { /* already closing */ }
    if (ws === socket) {
      onClosed({ code: code, reason: reason });
    }
  }

  function heartbeat() {
    clearTimeout(heartbeatTimer);
    heartbeatTimer = null;
    if (!socket || socket.readyState !== 1) {
      return;
    }
    var now = Date.now();
    if (pingSent && now - pingSent >= PONG_TIMEOUT_MS) {
      drop(socket, 4002, 'no pong');
      return;
    }
    if (!pingSent) {
      pingSent = now;
      try {
        socket.send(JSON.stringify({ type: 'ping' }));
      } catch (e) {
        drop(socket, 4002, 'send failed');
        return;
      }
    }
    heartbeatTimer = setTimeout(heartbeat, pingSent ? PONG_TIMEOUT_MS - (Date.now() - pingSent) + 10 : HEARTBEAT_MS);
  }

  /** Any frame shows the connection is alive. */
  function heard() {
    pingSent = 0;
    clearTimeout(heartbeatTimer);
    heartbeatTimer = setTimeout(heartbeat, HEARTBEAT_MS);
  }

  function onClosed(event) {
    clearTimeout(heartbeatTimer);
    heartbeatTimer = null;
    pingSent = 0;
    socket = null;
    ready = false;
    inFlight = {};
    clearTimeout(paceTimer);
    if (event.code === 1008 && /token/.test(event.reason || '')) {
      startOver(); // this uid is claimed and our token is gone: a new uid, no history to fetch
    } else if (event.code === 1008 && /too many/.test(event.reason || '')) {
      note(TEXT.tooFast);
    } else if (event.code === 1009) {
      note(TEXT.tooLong);
    }
    markAllPending();
    scheduleReconnect();
  }

  function startOver() {
    uid = 'w' + randomId(23);
    store.set(KEY.uid, uid);
    store.set(KEY.token, '');
    since = '';
    store.set(KEY.since, '');
  }

  function scheduleReconnect() {
    var offline = navigator.onLine === false;
    setStatus(offline ? 'offline' : 'connecting', offline ? TEXT.offline : TEXT.reconnecting);
    if (held || reconnectTimer) {
      return;
    }
    var base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * Math.pow(2, attempt));
    var delay = Math.round(base / 2 + Math.random() * base / 2);
    attempt++;
    reconnectTimer = setTimeout(connect, delay);
  }

  function reconnectNow() {
    if (!socket && !held) {
      attempt = 0;
      connect();
    }
  }

  function onFrame(data) {
    var frame;
    try {
      frame = JSON.parse(data);
    } catch (e) {
      return;
    }
    switch (frame.type) {
      case 'hello':
        if (frame.token) {
          store.set(KEY.token, String(frame.token));
        }
        ready = true;
        hellos++;
        attempt = 0;
        showPlace(frame.place);
        setStatus('open', TEXT.open);
        markAllPending();
        pump();
        break;
      case 'ack':
        removeFromOutbox(frame.id);
        pump();
        break;
      case 'error':
        onError(frame);
        break;
      case 'reply':
        onReply(frame);
        break;
      default:
        break;
    }
  }

  function onError(frame) {
    var message = String(frame.error || '');
    if (!frame.id || outboxIndex(frame.id) < 0) {
      note(TEXT.serverError + explain(message));
      return;
    }
    if (frame.code === 'rate_limited' || frame.code === 'busy' || /temporarily unavailable|retry/i.test(message)) {
      delete inFlight[frame.id];
      var li = itemFor(frame.id);
      if (li) {
        li.querySelector('.state').textContent = TEXT.busy;
      }
      clearTimeout(paceTimer);
      // over the limit: wait as long as the server says (the message stays in the outbox, same id)
      paceTimer = setTimeout(pump, Math.max(1000, Number(frame.retry_after_ms) || 3000));
      return;
    }
    var item = findTranscript(frame.id);
    if (item) {
      item.err = explain(message);
      saveTranscript();
      if (!els.text.value) {
        els.text.value = item.text; // give the words back so nothing has to be typed again
        store.set(KEY.draft, item.text);
      }
    }
    removeFromOutbox(frame.id);
    pump();
  }

  /** The server's error words (English, for developers) in plain Chinese where we know them. */
  function explain(message) {
    if (/empty/i.test(message)) {
      return TEXT.empty;
    }
    if (/at most/i.test(message)) {
      return TEXT.tooLong;
    }
    if (/JSON|frame type|id must/i.test(message)) {
      return TEXT.broken;
    }
    return message;
  }

  function onReply(frame) {
    if (frame.entry && !entryAfter(frame.entry, since)) {
      return; // already shown
    }
    if (frame.in_reply_to && outboxIndex(frame.in_reply_to) >= 0) {
      removeFromOutbox(frame.in_reply_to); // the ack got lost, but the server clearly has the message
    }
    if (frame.entry) {
      since = frame.entry;
      store.set(KEY.since, since);
    }
    addToLog({ k: 'bot', text: String(frame.text || ''), entry: frame.entry || '' });
  }

  /** Sends what the outbox holds, oldest first, within the per-minute limit. */
  function pump() {
    clearTimeout(paceTimer);
    paceTimer = null;
    if (!ready || !socket || socket.readyState !== 1) {
      return;
    }
    var now = Date.now();
    while (sentTimes.length && now - sentTimes[0] > 60000) {
      sentTimes.shift();
    }
    for (var i = 0; i < outbox.length; i++) {
      var m = outbox[i];
      if (inFlight[m.id]) {
        if (now - inFlight[m.id] > ACK_TIMEOUT_MS) {
          drop(socket, 4000, 'no ack');  // a silent dead connection: start over, resend with the same ids
          return;
        }
        continue;
      }
      if (sentTimes.length >= SEND_LIMIT) {
        paceTimer = setTimeout(pump, 60000 - (now - sentTimes[0]) + 50);
        return;
      }
      socket.send(JSON.stringify({ type: 'message', id: m.id, text: m.text }));
      inFlight[m.id] = now;
      sentTimes.push(now);
      markMine(m.id);
      if (!pingSent) {
        heartbeat(); // a ping right behind the message: a dead line shows within PONG_TIMEOUT_MS
      }
    }
    if (Object.keys(inFlight).length) {
      paceTimer = setTimeout(pump, ACK_TIMEOUT_MS + 100);
    }
  }

  /* ---------- composing ---------- */

  function submit() {
    var text = els.text.value;
    if (!text.trim()) {
      els.text.focus();
      return;
    }
    if (codePoints(text) > MAX_TEXT || utf8Length(text) > MAX_FRAME_BYTES) {
      note(TEXT.tooLong);
      return;
    }
    var message = { id: messageId(), text: text };
    outbox.push(message);
    saveOutbox();
    addToLog({ k: 'me', id: message.id, text: text });
    els.text.value = '';
    store.set(KEY.draft, '');
    els.text.focus();
    pump();
  }

  function onKeyDown(event) {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (event.isComposing || event.keyCode === 229) {
      return; // Enter confirms a Chinese input-method candidate; it must not send
    }
    event.preventDefault();
    submit();
  }

  /* ---------- start ---------- */

  function start() {
    els.status = document.getElementById('status');
    els.statusText = document.getElementById('status-text');
    els.log = document.getElementById('log');
    els.list = document.getElementById('messages');
    els.place = document.getElementById('place');
    els.text = document.getElementById('text');
    els.form = document.getElementById('composer');
    for (var i = 0; i < transcript.length; i++) {
      render(transcript[i]);
    }
    scrollToEnd();
    // restored silently; from the next task on, new messages are announced
    setTimeout(function () { els.log.setAttribute('aria-live', 'polite'); }, 0);
    els.log.addEventListener('scroll', onLogScroll, { passive: true });
    window.addEventListener('resize', keepEndInView);
    if (window.visualViewport) {
      window.visualViewport.addEventListener('resize', keepEndInView);
    }
    if (window.ResizeObserver) {
      new ResizeObserver(keepEndInView).observe(els.log);
    }
    var draft = store.get(KEY.draft);
    if (draft && !els.text.value) {
      els.text.value = draft;
    }
    els.form.addEventListener('submit', function (event) {
      event.preventDefault();
      submit();
    });
    els.text.addEventListener('keydown', onKeyDown);
    els.text.addEventListener('input', function () {
      store.set(KEY.draft, els.text.value);
    });
    window.addEventListener('online', reconnectNow);
    window.addEventListener('offline', function () {
      if (!socket) {
        setStatus('offline', TEXT.offline);
      }
    });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible') {
        reconnectNow();
      }
    });
    connect();
  }

  /** The header names the place only once the server has accepted it (hello.place). */
  function showPlace(accepted) {
    if (accepted) {
      els.place.textContent = '所在地：' + String(accepted).replace('/', ' ');
      els.place.hidden = false;
    } else {
      els.place.textContent = '';
      els.place.hidden = true;
    }
  }

  /** Hooks for tests and support staff; no effect on normal use. */
  window.__shangliang = {
    /** Closes the socket as a network drop would; with hold=true stays down until release(). */
    dropConnection: function (hold) {
      held = !!hold;
      if (socket) {
        socket.close(4001, 'dropped');
      }
    },
    /** Makes the connection silent, as a dead network would: nothing is sent or received any more. */
    silence: function () {
      if (socket) {
        var ws = socket;
        ws.send = function () {};
        ws.onmessage = function () {};
      }
    },
    release: function () {
      held = false;
      attempt = 0;
      connect();
    },
    state: function () {
      return {
        uid: uid,
        place: place,
        since: since,
        connected: ready,
        connections: hellos,
        outbox: outbox.map(function (m) { return m.id; })
      };
    }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
