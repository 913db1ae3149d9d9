// One child's tile on the staff board as a single element: the server sends one small props update per change.
// Every text is interpolated by Vue ({{ }}), never as HTML.
export default {
  template: `
    <div class="q-card q-card--bordered q-card--flat cursor-pointer q-pa-sm column no-wrap"
         :class="'bg-' + tile.palette + '-1'" :data-child="tile.id" style="gap: 4px">
      <div class="row items-center no-wrap" style="gap: 8px">
        <q-avatar size="44px" color="primary" text-color="white">
          <img v-if="tile.photo" :src="tile.photo" alt="">
          <span v-else class="text-weight-medium">{{ tile.initials }}</span>
        </q-avatar>
        <div class="column min-w-0" style="gap: 0">
          <div class="text-subtitle1 text-weight-medium ellipsis">{{ tile.name }}</div>
          <div class="row items-center no-wrap" style="gap: 4px">
            <q-icon :name="tile.icon" :color="tile.palette + '-8'" size="sm" />
            <span class="text-caption ellipsis" :class="'text-' + tile.palette + '-9'">{{ tile.status }}</span>
          </div>
        </div>
        <q-icon v-if="tile.note" name="sticky_note_2" color="amber-8" class="q-ml-auto" :title="tile.noteTitle" />
      </div>
      <div v-if="tile.pickup" class="row items-center no-wrap" style="gap: 4px">
        <q-icon name="directions_car" size="xs" color="grey-7" />
        <span class="text-caption ellipsis">{{ tile.pickup }}</span>
      </div>
      <div v-if="tile.alone"><q-badge rounded color="deep-orange-6" :label="tile.alone" /></div>
      <div v-if="tile.with" class="text-caption text-grey-8 ellipsis">{{ tile.with }}</div>
    </div>
  `,
  props: {
    tile: Object,
  },
};
