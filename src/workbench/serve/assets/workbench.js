// The served page's own script (loaded after textual.js, before the page's load event).
// 1. The font size: the largest (up to 16px, or the one asked for with ?fontsize=) at
//    which the terminal still shows 80x30 cells, measured with the page's own fonts
//    once they are loaded, so a 10-inch tablet at device scale 2 lays out 80 columns;
//    fitted again when the window changes size (a tablet turned round).
// 2. The keys bar: a tap sends the key's bytes over the app's websocket, the same
//    bytes a keyboard would, without taking the focus from the terminal.
// 3. The restart button of the "session ended" notice.
"use strict";
(function () {
  const MIN_COLS = 80, MIN_ROWS = 30, MAX_FONT = 16, MIN_FONT = 8;
  const FAMILY = '"Workbench Mono", monospace';
  let appSocket = null;
  let fitted = false;  // the font size is ours to choose (no ?fontsize= asked for one)

  // textual.js opens one websocket for the app; keep a handle for the keys bar.
  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(url, protocols) {
      super(url, protocols);
      appSocket = this;
    }
  };

  function cellSize(size, dpr) {
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = size + "px " + FAMILY;
    const m = ctx.measureText("W");
    // The terminal rounds each cell up to whole device pixels.
    return [Math.ceil(m.width * dpr) / dpr,
            Math.ceil((m.fontBoundingBoxAscent + m.fontBoundingBoxDescent) * dpr) / dpr];
  }

  function fittingSize(element) {
    const dpr = window.devicePixelRatio || 1;
    const width = element.clientWidth, height = element.clientHeight;
    for (let size = MAX_FONT; size > MIN_FONT; size--) {
      const [w, h] = cellSize(size, dpr);
      if (Math.floor(width / w) >= MIN_COLS && Math.floor(height / h) >= MIN_ROWS) {
        return size;
      }
    }
    return MIN_FONT;
  }

  const startTerminal = window.onload;
  window.onload = async function (event) {
    const terminal = document.getElementById("terminal");
    try {
      await document.fonts.load("16px " + FAMILY);
    } catch (error) {
      // Without the font the fallback monospace is measured instead.
    }
    if (terminal.dataset.fontSize === "auto") {
      fitted = true;
      terminal.dataset.fontSize = String(fittingSize(terminal));
    }
    if (startTerminal) {
      startTerminal.call(window, event);
    }
  };

  // A tablet turned round: the font is fitted again, then the terminal (textual.js
  // fits it to the page on resize, with the new cell size).
  window.addEventListener("resize", function () {
    const terminal = document.getElementById("terminal");
    if (!fitted || !terminal.terminal) {
      return;
    }
    const size = fittingSize(terminal);
    if (size !== terminal.terminal.options.fontSize) {
      terminal.terminal.options.fontSize = size;
      if (window.onresize) {
        window.onresize();
      }
    }
  });

  document.querySelectorAll("#keys button").forEach(function (button) {
    // Keep the focus (and the on-screen keyboard) on the terminal.
    button.addEventListener("pointerdown", function (e) { e.preventDefault(); });
    button.addEventListener("mousedown", function (e) { e.preventDefault(); });
    button.addEventListener("click", function () {
      if (appSocket && appSocket.readyState === NativeSocket.OPEN) {
        appSocket.send(JSON.stringify(["stdin", JSON.parse(button.dataset.send)]));
      }
    });
  });

  document.getElementById("restart").addEventListener("click", function () {
    window.location.reload();
  });
})();
