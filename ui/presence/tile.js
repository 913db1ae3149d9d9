// One child's tile on the staff board as a single element: the server sends one small props update per change.
// Every text is interpolated by Vue ({{ }}), never as HTML. A real button, so Tab, Enter and Space work and a screen
// reader hears the whole tile in one sentence (tile.label); what is drawn inside is hidden from it.
// The grid around it (board_grid.js) decides which tile is in the Tab order.
export default {
  template: `
    <button type="button" class="q-card q-card--bordered q-card--flat cursor-pointer q-pa-sm column no-wrap board-tile"
            :class="'bg-' + tile.palette + '-1'" :data-child="tile.id" data-roving :aria-label="[tile.label, staffNote, allergy].filter(Boolean).join(', ')"
            :title="tile.note ? tile.noteTitle : null"
            style="gap: 4px; width: 100%; text-align: left; font: inherit; color: inherit">
      <span class="row items-center no-wrap full-width" style="gap: 8px" aria-hidden="true">
        <q-avatar size="44px" color="primary" text-color="white">
          <img v-if="tile.photo" :src="tile.photo" alt="">
          <span v-else class="text-weight-medium">{{ tile.initials }}</span>
        </q-avatar>
        <span class="column min-w-0" style="gap: 0">
          <span class="text-subtitle1 text-weight-medium ellipsis">{{ tile.name }}</span>
          <span class="row items-center no-wrap" style="gap: 4px">
            <q-icon :name="tile.icon" :color="tile.iconColour" size="sm" />
            <span class="text-caption ellipsis" :class="'text-' + tile.textColour">{{ tile.status }}</span>
          </span>
        </span>
        <q-icon v-if="tile.note" name="sticky_note_2" color="brown-8" class="q-ml-auto" />
        <q-icon v-if="staffNote" name="edit_note" color="blue-grey-9" :class="tile.note ? '' : 'q-ml-auto'" data-staff-note />
        <q-icon v-if="allergy" name="no_food" color="red-10" :class="tile.note || staffNote ? '' : 'q-ml-auto'" :title="allergy" data-allergy />
      </span>
      <span v-if="tile.pickup" class="row items-center no-wrap full-width" style="gap: 4px" aria-hidden="true">
        <q-icon name="directions_car" size="xs" color="grey-8" />
        <span class="text-caption ellipsis" data-pickup>{{ tile.pickup }}</span>
      </span>
      <span v-if="tile.alone" aria-hidden="true" data-pickup><q-badge rounded color="deep-orange-10" :label="tile.alone" /></span>
      <span v-if="tile.with" class="text-caption text-grey-9 ellipsis full-width" aria-hidden="true">{{ tile.with }}</span>
    </button>
  `,
  props: {
    tile: Object,
    staffNote: String,
    allergy: String,
  },
};
