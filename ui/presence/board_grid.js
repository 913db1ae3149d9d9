// The board's grid of tiles with a roving tabindex: one tile is in the Tab order, the arrow keys move between the
// visible tiles as they are laid out (up and down by column), Home and End go to the first and last.
// Tiles come and go (filters, sorting, live changes), so a MutationObserver keeps exactly one tile tabbable.
// On the staff board it also keeps --board-top at the app bar's height (the sticky counts sit just below it) and
// scroll-padding-top below the counts, so a tile reached by keyboard is never hidden behind them (WCAG 2.4.11).
const KEYS = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"];

export default {
  template: `<div @keydown="onKey" @focusin="onFocus"><slot></slot></div>`,
  mounted() {
    this.current = null;
    this.pending = false;
    this.observer = new MutationObserver(() => this.schedule());
    this.observer.observe(this.$el, { subtree: true, childList: true, attributes: true, attributeFilter: ["class"] });
    this.sync();
    const header = document.querySelector(".q-header");
    const sticky = document.querySelector(".board-sticky");
    if (header && sticky) {
      this.resized = new ResizeObserver(() => this.place(header, sticky));
      this.resized.observe(header);
      this.resized.observe(sticky);
    }
  },
  unmounted() {
    this.observer.disconnect();
    if (this.resized) this.resized.disconnect();
  },
  methods: {
    place(header, sticky) {
      const root = document.documentElement;
      root.style.setProperty("--board-top", `${header.offsetHeight}px`);
      const stuck = getComputedStyle(sticky).position === "sticky";
      root.style.scrollPaddingTop = `${header.offsetHeight + (stuck ? sticky.offsetHeight : 0) + 8}px`;
    },
    all() {
      return Array.from(this.$el.querySelectorAll("[data-roving]"));
    },
    visible() {
      return this.all().filter((e) => e.offsetParent !== null);
    },
    schedule() {
      if (this.pending) return;
      this.pending = true;
      requestAnimationFrame(() => {
        this.pending = false;
        this.sync();
      });
    },
    sync() {
      const shown = this.visible();
      const chosen = shown.find((e) => e === this.current) || shown[0] || null;
      this.current = chosen;
      for (const e of this.all()) {
        const want = e === chosen ? "0" : "-1";
        if (e.getAttribute("tabindex") !== want) e.setAttribute("tabindex", want);
      }
    },
    onFocus(event) {
      const tile = event.target.closest("[data-roving]");
      if (tile && tile !== this.current) {
        this.current = tile;
        this.sync();
      }
    },
    target(from, key, shown) {
      const index = shown.indexOf(from);
      if (key === "Home") return shown[0];
      if (key === "End") return shown[shown.length - 1];
      if (key === "ArrowLeft") return shown[Math.max(index - 1, 0)];
      if (key === "ArrowRight") return shown[Math.min(index + 1, shown.length - 1)];
      // Up and down: the nearest tile in the row above or below, by horizontal centre.
      const box = from.getBoundingClientRect();
      const centre = box.left + box.width / 2;
      const rows = shown.filter((e) => {
        const top = e.getBoundingClientRect().top;
        return key === "ArrowDown" ? top > box.top + 1 : top < box.top - 1;
      });
      if (!rows.length) return from;
      const rowTop = key === "ArrowDown"
        ? Math.min(...rows.map((e) => e.getBoundingClientRect().top))
        : Math.max(...rows.map((e) => e.getBoundingClientRect().top));
      const row = rows.filter((e) => Math.abs(e.getBoundingClientRect().top - rowTop) < 1);
      const distance = (e) => {
        const r = e.getBoundingClientRect();
        return Math.abs(r.left + r.width / 2 - centre);
      };
      return row.reduce((best, e) => (distance(e) < distance(best) ? e : best));
    },
    onKey(event) {
      if (!KEYS.includes(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
      const from = event.target.closest("[data-roving]");
      if (!from) return;
      const shown = this.visible();
      const to = this.target(from, event.key, shown);
      event.preventDefault();
      if (to && to !== from) {
        this.current = to;
        this.sync();
        to.focus();
      }
    },
  },
};
