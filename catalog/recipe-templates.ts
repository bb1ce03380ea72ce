/**
 * What the sample catalog is made of: real Japanese home-cooking dishes, as combinations
 * that a recipe site would actually carry (an ingredient with the methods that suit it),
 * each with the ranges its cooking time, cost and calories plausibly fall in.
 * Costs are per serving (yen); the catalog multiplies by servings for the recipe's total.
 *
 * Every ingredient and method also carries a stable key (what eval/search-queries.jsonl
 * judges by, so a regenerated catalog keeps its judgments) and the words a recipe site's
 * text would hold for it: the usual spellings and an English gloss (鶏むね肉 / 鶏胸肉 / むね肉 /
 * chicken breast), which is what `--search` ranks by.
 */
import type { dishCategory } from "../src/filters/dish-category.js";

/** The dish categories the registry declares (src/filters/dish-category.ts): every table keyed by them is checked against it. */
export type DishCategory = (typeof dishCategory.values)[number];

export interface DishTemplate {
  category: DishCategory;
  title: string;
  minutes: [number, number];
  yenPerServing: [number, number];
  kcal: [number, number];
  /** The main ingredients' keys (judgments name these). */
  ingredientKeys: string[];
  /** The method's or dish's key (judgments name these). */
  dishKey: string;
  /** The main ingredients as a recipe site writes them: spellings and English glosses. */
  ingredientWords: string[];
  /** The method as a recipe site writes it: spellings and English glosses. */
  methodWords: string[];
  /** Words the method brings along (揚げ物 / fried, レンジ / microwave). */
  keywords: string[];
}

type Method = { name: string; key: string; words: string[]; minutes: [number, number]; yen: number; kcal: number };
type Ingredient = {
  name: string;
  keys: string[];
  words: string[];
  yen: number;
  kcal: number;
  methods: string[];
  /** Extra minutes this ingredient takes over the method's own (meat in a side dish). */
  minutes?: number;
};

/** Extra words a method brings, by method name. */
const METHOD_KEYWORDS: Record<string, string[]> = {
  唐揚げ: ["揚げ物", "fried"],
  フライ: ["揚げ物", "fried"],
  レンジ蒸し: ["電子レンジ", "レンジ", "microwave"],
  浅漬け: ["漬物", "pickle"],
  南蛮漬け: ["揚げ物", "甘酢"],
  炒め: ["stir-fry"],
  甘辛炒め: ["stir-fry"],
  きんぴら: ["甘辛", "stir-fry"],
  チーズ焼き: ["チーズ", "cheese"],
  チーズケーキ: ["チーズ", "cheese"],
  ドリア: ["チーズ", "cheese", "オーブン"],
};

function combine(
  category: DishCategory,
  ingredients: Ingredient[],
  methods: Method[],
  title: (i: string, m: string) => string,
): DishTemplate[] {
  return ingredients.flatMap((ingredient) =>
    ingredient.methods.map((methodName) => {
      const method = methods.find((m) => m.name === methodName);
      if (!method) throw new Error(`unknown method ${methodName}`);
      const yen = ingredient.yen + method.yen;
      const kcal = ingredient.kcal + method.kcal;
      const extra = ingredient.minutes ?? 0;
      return {
        category,
        title: title(ingredient.name, method.name),
        minutes: [method.minutes[0] + extra, method.minutes[1] + extra],
        yenPerServing: [Math.round(yen * 0.8), Math.round(yen * 1.25)],
        kcal: [Math.round(kcal * 0.85), Math.round(kcal * 1.15)],
        ingredientKeys: ingredient.keys,
        dishKey: method.key,
        ingredientWords: ingredient.words,
        methodWords: [method.name, ...method.words],
        keywords: METHOD_KEYWORDS[method.name] ?? [],
      };
    }),
  );
}

/** One ingredient's words, by key: its spellings and English gloss. */
const WORDS: Record<string, string[]> = {
  chicken_breast: ["鶏むね肉", "鶏胸肉", "むね肉", "鶏むね", "chicken breast"],
  chicken_thigh: ["鶏もも肉", "鶏モモ肉", "もも肉", "鶏もも", "chicken thigh"],
  pork_slices: ["豚こま切れ肉", "豚こま", "豚肉", "pork"],
  pork_belly: ["豚バラ肉", "豚バラ", "豚肉", "pork belly", "pork"],
  ground_meat: ["合いびき肉", "ひき肉", "挽き肉", "ground meat", "minced meat"],
  beef: ["牛こま切れ肉", "牛こま", "牛肉", "beef"],
  salmon: ["鮭", "さけ", "サーモン", "salmon"],
  mackerel: ["さば", "サバ", "鯖", "mackerel"],
  yellowtail: ["ぶり", "ブリ", "鰤", "yellowtail"],
  shrimp: ["えび", "エビ", "海老", "shrimp", "prawns"],
  tofu: ["豆腐", "とうふ", "tofu"],
  atsuage: ["厚揚げ", "fried tofu"],
  cod: ["たら", "タラ", "鱈", "cod"],
  egg: ["卵", "たまご", "玉子", "egg", "eggs"],
  spinach: ["ほうれん草", "ほうれんそう", "spinach"],
  komatsuna: ["小松菜", "komatsuna", "greens"],
  bean_sprouts: ["もやし", "モヤシ", "bean sprouts"],
  cabbage: ["キャベツ", "cabbage"],
  cucumber: ["きゅうり", "キュウリ", "胡瓜", "cucumber"],
  carrot: ["にんじん", "人参", "ニンジン", "carrot", "carrots"],
  burdock: ["ごぼう", "牛蒡", "ゴボウ", "burdock"],
  eggplant: ["なす", "ナス", "茄子", "eggplant", "aubergine"],
  green_pepper: ["ピーマン", "green pepper"],
  broccoli: ["ブロッコリー", "broccoli"],
  daikon: ["大根", "だいこん", "daikon", "radish"],
  pumpkin: ["かぼちゃ", "カボチャ", "南瓜", "pumpkin", "kabocha"],
  tomato: ["トマト", "tomato", "tomatoes"],
  lotus_root: ["れんこん", "レンコン", "蓮根", "lotus root"],
  napa_cabbage: ["白菜", "はくさい", "napa cabbage"],
  asparagus: ["アスパラ", "アスパラガス", "asparagus"],
  hijiki: ["ひじき", "hijiki", "seaweed"],
  potato: ["じゃがいも", "ジャガイモ", "じゃが芋", "potato", "potatoes"],
  onion: ["玉ねぎ", "たまねぎ", "玉葱", "onion"],
  tuna: ["ツナ", "ツナ缶", "tuna"],
  mushroom: ["きのこ", "キノコ", "しめじ", "mushroom", "mushrooms"],
  mentaiko: ["明太子", "めんたいこ", "mentaiko", "cod roe"],
  kimchi: ["キムチ", "kimchi"],
  bacon: ["ベーコン", "bacon"],
  shirasu: ["しらす", "シラス", "whitebait"],
  wakame: ["わかめ", "ワカメ", "wakame", "seaweed"],
  abura_age: ["油揚げ", "あぶらあげ", "fried tofu pouch"],
  nameko: ["なめこ", "nameko", "mushroom"],
  root_vegetables: ["根菜", "大根", "にんじん", "ごぼう", "root vegetables"],
  harusame: ["春雨", "はるさめ", "glass noodles"],
  corn: ["とうもろこし", "コーン", "corn"],
  clam: ["あさり", "アサリ", "clams"],
  matcha: ["抹茶", "matcha", "green tea"],
  chocolate: ["チョコ", "チョコレート", "chocolate"],
  strawberry: ["いちご", "イチゴ", "苺", "strawberry", "strawberries"],
  banana: ["バナナ", "banana"],
  black_tea: ["紅茶", "black tea", "tea"],
  kinako: ["きなこ", "きな粉", "kinako", "soybean flour"],
  apple: ["りんご", "リンゴ", "林檎", "apple"],
  coffee: ["コーヒー", "coffee"],
};

/** An ingredient made of the given keys, with their words. */
const ing = (name: string, keys: string[], yen: number, kcal: number, methods: string[], minutes?: number) => {
  const words = [...new Set(keys.flatMap((k) => WORDS[k] ?? []))];
  if (words.length === 0) throw new Error(`no words for ${keys.join(", ")}`);
  return { name, keys, words, yen, kcal, methods, minutes };
};

const MAIN_METHODS: Method[] = [
  { name: "生姜焼き", key: "ginger_saute", words: ["しょうが焼き", "ginger"], minutes: [15, 20], yen: 30, kcal: 120 },
  { name: "照り焼き", key: "teriyaki", words: ["てりやき", "teriyaki"], minutes: [15, 25], yen: 30, kcal: 110 },
  {
    name: "甘辛炒め",
    key: "sweet_savory_stir_fry",
    words: ["炒め", "stir fry"],
    minutes: [10, 15],
    yen: 30,
    kcal: 120,
  },
  {
    name: "味噌煮",
    key: "miso_simmered",
    words: ["みそ煮", "味噌", "miso", "simmered"],
    minutes: [20, 35],
    yen: 30,
    kcal: 90,
  },
  { name: "塩焼き", key: "salt_grilled", words: ["grilled", "salt"], minutes: [15, 20], yen: 10, kcal: 30 },
  {
    name: "唐揚げ",
    key: "karaage",
    words: ["から揚げ", "からあげ", "karaage", "fried chicken"],
    minutes: [25, 40],
    yen: 40,
    kcal: 220,
  },
  { name: "ホイル焼き", key: "foil_baked", words: ["foil", "baked"], minutes: [20, 30], yen: 60, kcal: 60 },
  {
    name: "トマト煮込み",
    key: "tomato_stew",
    words: ["トマト煮", "トマト", "tomato", "stew"],
    minutes: [30, 50],
    yen: 90,
    kcal: 120,
  },
  { name: "南蛮漬け", key: "nanban", words: ["南蛮", "nanban", "marinated"], minutes: [25, 35], yen: 60, kcal: 160 },
  { name: "レンジ蒸し", key: "microwave_steamed", words: ["蒸し", "steamed"], minutes: [8, 12], yen: 40, kcal: 40 },
  { name: "チーズ焼き", key: "cheese_baked", words: ["baked"], minutes: [15, 20], yen: 80, kcal: 150 },
  { name: "角煮", key: "braised", words: ["煮込み", "braised"], minutes: [90, 150], yen: 40, kcal: 200 },
  { name: "麻婆", key: "mapo", words: ["マーボー", "mapo"], minutes: [15, 20], yen: 60, kcal: 150 },
  { name: "ハンバーグ", key: "hamburg", words: ["hamburg steak", "patty"], minutes: [30, 40], yen: 50, kcal: 180 },
  { name: "フライ", key: "breaded_fried", words: ["breaded", "deep-fried"], minutes: [25, 35], yen: 50, kcal: 230 },
];
const MAIN_INGREDIENTS: Ingredient[] = [
  ing("豚こま", ["pork_slices"], 130, 250, ["生姜焼き", "甘辛炒め", "レンジ蒸し", "チーズ焼き", "トマト煮込み"]),
  ing("豚バラ", ["pork_belly"], 160, 380, ["角煮", "甘辛炒め", "レンジ蒸し", "味噌煮"]),
  ing("鶏もも", ["chicken_thigh"], 140, 250, [
    "照り焼き",
    "唐揚げ",
    "トマト煮込み",
    "南蛮漬け",
    "塩焼き",
    "チーズ焼き",
  ]),
  ing("鶏むね", ["chicken_breast"], 80, 150, [
    "照り焼き",
    "唐揚げ",
    "レンジ蒸し",
    "南蛮漬け",
    "甘辛炒め",
    "チーズ焼き",
  ]),
  ing("合いびき肉", ["ground_meat"], 120, 270, ["ハンバーグ", "麻婆", "トマト煮込み"]),
  ing("牛こま", ["beef"], 220, 300, ["甘辛炒め", "生姜焼き", "トマト煮込み", "チーズ焼き"]),
  ing("鮭", ["salmon"], 180, 160, ["塩焼き", "ホイル焼き", "南蛮漬け", "照り焼き", "フライ", "チーズ焼き"]),
  ing("さば", ["mackerel"], 150, 250, ["味噌煮", "塩焼き", "南蛮漬け", "照り焼き"]),
  ing("ぶり", ["yellowtail"], 230, 260, ["照り焼き", "塩焼き"]),
  ing("えび", ["shrimp"], 260, 90, ["チーズ焼き", "フライ", "甘辛炒め"]),
  ing("豆腐", ["tofu"], 40, 80, ["麻婆", "ハンバーグ", "照り焼き", "レンジ蒸し"]),
  ing("厚揚げ", ["atsuage"], 60, 150, ["甘辛炒め", "味噌煮", "チーズ焼き"]),
  ing("たら", ["cod"], 170, 80, ["ホイル焼き", "フライ", "レンジ蒸し", "南蛮漬け"]),
];

const SIDE_METHODS: Method[] = [
  { name: "おひたし", key: "ohitashi", words: ["お浸し", "ohitashi", "blanched"], minutes: [5, 10], yen: 10, kcal: 10 },
  {
    name: "ごま和え",
    key: "sesame_dressed",
    words: ["胡麻和え", "ごまあえ", "和え物", "sesame"],
    minutes: [5, 10],
    yen: 20,
    kcal: 40,
  },
  { name: "きんぴら", key: "kinpira", words: ["金平", "kinpira"], minutes: [10, 15], yen: 20, kcal: 60 },
  { name: "ナムル", key: "namul", words: ["namul", "korean"], minutes: [5, 10], yen: 15, kcal: 45 },
  { name: "浅漬け", key: "quick_pickle", words: ["漬け", "pickled"], minutes: [3, 10], yen: 10, kcal: 5 },
  {
    name: "白和え",
    key: "tofu_dressed",
    words: ["しらあえ", "和え物", "shiraae"],
    minutes: [10, 20],
    yen: 40,
    kcal: 60,
  },
  { name: "サラダ", key: "salad", words: ["salad"], minutes: [5, 10], yen: 40, kcal: 70 },
  { name: "炒め", key: "stir_fry", words: ["炒め物", "stir fry", "sauteed"], minutes: [5, 12], yen: 20, kcal: 70 },
  { name: "煮びたし", key: "nibitashi", words: ["煮浸し", "simmered"], minutes: [10, 15], yen: 20, kcal: 20 },
  { name: "マリネ", key: "marinade", words: ["marinated", "marinade"], minutes: [10, 20], yen: 30, kcal: 50 },
  { name: "煮物", key: "nimono", words: ["煮付け", "simmered"], minutes: [20, 35], yen: 30, kcal: 50 },
  { name: "チーズ焼き", key: "cheese_baked", words: ["baked"], minutes: [10, 15], yen: 60, kcal: 90 },
];
const SIDE_INGREDIENTS: Ingredient[] = [
  ing("ほうれん草", ["spinach"], 60, 20, ["おひたし", "ごま和え", "白和え", "ナムル", "炒め"]),
  ing("小松菜", ["komatsuna"], 50, 15, ["おひたし", "煮びたし", "ごま和え", "炒め"]),
  ing("もやし", ["bean_sprouts"], 15, 15, ["ナムル", "炒め", "ごま和え"]),
  ing("キャベツ", ["cabbage"], 30, 20, ["浅漬け", "サラダ", "炒め", "マリネ"]),
  ing("きゅうり", ["cucumber"], 30, 10, ["浅漬け", "サラダ", "ナムル"]),
  ing("にんじん", ["carrot"], 25, 30, ["きんぴら", "サラダ", "マリネ", "ナムル"]),
  ing("ごぼう", ["burdock"], 50, 50, ["きんぴら", "サラダ", "煮物"]),
  ing("なす", ["eggplant"], 45, 20, ["煮びたし", "炒め", "浅漬け", "マリネ", "チーズ焼き"]),
  ing("ピーマン", ["green_pepper"], 35, 15, ["きんぴら", "炒め", "おひたし"]),
  ing("ブロッコリー", ["broccoli"], 60, 30, ["サラダ", "ごま和え", "チーズ焼き"]),
  ing("大根", ["daikon"], 30, 20, ["煮物", "サラダ", "浅漬け", "きんぴら"]),
  ing("かぼちゃ", ["pumpkin"], 60, 90, ["煮物", "サラダ", "チーズ焼き"]),
  ing("トマト", ["tomato"], 70, 20, ["サラダ", "マリネ"]),
  ing("れんこん", ["lotus_root"], 70, 60, ["きんぴら", "炒め", "煮物"]),
  ing("白菜", ["napa_cabbage"], 30, 15, ["浅漬け", "煮びたし", "サラダ"]),
  ing("アスパラ", ["asparagus"], 90, 20, ["ごま和え", "炒め", "チーズ焼き"]),
  ing("ひじき", ["hijiki"], 40, 40, ["煮物", "サラダ", "マリネ"]),
  ing("じゃがいも", ["potato"], 30, 80, ["サラダ", "炒め", "煮物", "チーズ焼き"]),
  // Meat, fish and eggs in a side dish: a small portion, cooked in the microwave or poached first.
  ing("鶏むね肉ときゅうり", ["chicken_breast", "cucumber"], 70, 90, ["サラダ", "ごま和え", "ナムル"], 3),
  ing("鶏むね肉とキャベツ", ["chicken_breast", "cabbage"], 70, 90, ["サラダ", "炒め", "マリネ"], 3),
  ing("豚しゃぶ", ["pork_slices"], 90, 130, ["サラダ", "ごま和え"], 5),
  ing("ツナとキャベツ", ["tuna", "cabbage"], 60, 70, ["サラダ", "炒め"]),
  ing("卵とトマト", ["egg", "tomato"], 60, 90, ["炒め", "サラダ"]),
  ing("えびとブロッコリー", ["shrimp", "broccoli"], 150, 60, ["サラダ", "炒め"], 2),
  ing("厚揚げとねぎ", ["atsuage"], 50, 120, ["炒め", "煮物"]),
];

const STAPLE_METHODS: Method[] = [
  {
    name: "炒飯",
    key: "fried_rice",
    words: ["チャーハン", "焼き飯", "fried rice"],
    minutes: [10, 15],
    yen: 60,
    kcal: 450,
  },
  {
    name: "パスタ",
    key: "pasta",
    words: ["スパゲッティ", "スパゲティ", "pasta", "spaghetti"],
    minutes: [15, 20],
    yen: 70,
    kcal: 520,
  },
  {
    name: "丼",
    key: "donburi",
    words: ["どんぶり", "丼ぶり", "rice bowl", "donburi"],
    minutes: [10, 20],
    yen: 60,
    kcal: 550,
  },
  { name: "うどん", key: "udon", words: ["饂飩", "udon", "noodles"], minutes: [10, 15], yen: 60, kcal: 400 },
  {
    name: "焼きそば",
    key: "yakisoba",
    words: ["やきそば", "yakisoba", "fried noodles", "noodles"],
    minutes: [10, 15],
    yen: 60,
    kcal: 480,
  },
  {
    name: "炊き込みご飯",
    key: "mixed_rice",
    words: ["炊き込みごはん", "混ぜご飯", "mixed rice"],
    minutes: [50, 70],
    yen: 50,
    kcal: 330,
  },
  { name: "リゾット", key: "risotto", words: ["risotto"], minutes: [20, 30], yen: 80, kcal: 400 },
  {
    name: "おにぎり",
    key: "onigiri",
    words: ["おむすび", "rice ball", "onigiri"],
    minutes: [5, 10],
    yen: 30,
    kcal: 250,
  },
  { name: "ドリア", key: "doria", words: ["doria", "rice gratin"], minutes: [25, 35], yen: 90, kcal: 600 },
];
const STAPLE_INGREDIENTS: Ingredient[] = [
  ing("鮭", ["salmon"], 120, 60, ["炒飯", "炊き込みご飯", "おにぎり", "パスタ"]),
  ing("ツナ", ["tuna"], 60, 70, ["パスタ", "おにぎり", "炒飯", "丼"]),
  ing("きのこ", ["mushroom"], 70, 20, ["パスタ", "炊き込みご飯", "リゾット", "うどん", "ドリア"]),
  ing("明太子", ["mentaiko"], 120, 40, ["パスタ", "うどん", "おにぎり"]),
  ing("豚キムチ", ["pork_slices", "kimchi"], 110, 150, ["炒飯", "丼", "うどん", "焼きそば"]),
  ing("鶏そぼろ", ["ground_meat"], 70, 120, ["丼", "おにぎり"]),
  ing("ベーコン", ["bacon"], 80, 110, ["パスタ", "リゾット", "炒飯", "ドリア"]),
  ing("しらす", ["shirasu"], 90, 30, ["丼", "炒飯", "パスタ", "おにぎり"]),
  ing("えび", ["shrimp"], 180, 50, ["ドリア", "炒飯", "リゾット", "焼きそば"]),
  ing("牛肉", ["beef"], 220, 200, ["丼", "うどん", "炒飯"]),
  ing("トマト", ["tomato"], 70, 20, ["パスタ", "リゾット"]),
  ing("鶏むね肉", ["chicken_breast"], 70, 110, ["丼", "炒飯", "パスタ", "うどん"]),
  ing("卵", ["egg"], 30, 80, ["炒飯", "丼", "うどん"]),
  ing("なす", ["eggplant"], 50, 30, ["パスタ", "丼"]),
];

const SOUP_METHODS: Method[] = [
  {
    name: "味噌汁",
    key: "miso_soup",
    words: ["みそ汁", "お味噌汁", "miso soup", "soup"],
    minutes: [5, 15],
    yen: 20,
    kcal: 40,
  },
  {
    name: "すまし汁",
    key: "clear_soup",
    words: ["お吸い物", "吸い物", "clear soup", "soup"],
    minutes: [5, 15],
    yen: 20,
    kcal: 20,
  },
  {
    name: "コンソメスープ",
    key: "consomme",
    words: ["スープ", "consomme", "soup"],
    minutes: [10, 20],
    yen: 20,
    kcal: 40,
  },
  {
    name: "中華スープ",
    key: "chinese_soup",
    words: ["スープ", "chinese soup", "soup"],
    minutes: [5, 15],
    yen: 20,
    kcal: 40,
  },
  {
    name: "ポタージュ",
    key: "potage",
    words: ["スープ", "potage", "cream soup", "soup"],
    minutes: [25, 35],
    yen: 60,
    kcal: 140,
  },
  {
    name: "豚汁",
    key: "tonjiru",
    words: ["とん汁", "ぶた汁", "味噌", "pork miso soup", "soup"],
    minutes: [20, 30],
    yen: 80,
    kcal: 150,
  },
];
const SOUP_INGREDIENTS: Ingredient[] = [
  ing("豆腐とわかめ", ["tofu", "wakame"], 50, 40, ["味噌汁", "すまし汁", "中華スープ"]),
  ing("大根と油揚げ", ["daikon", "abura_age"], 50, 50, ["味噌汁"]),
  ing("なめこ", ["nameko"], 60, 15, ["味噌汁"]),
  ing("じゃがいもと玉ねぎ", ["potato", "onion"], 40, 60, ["味噌汁", "コンソメスープ", "ポタージュ"]),
  ing("かぼちゃ", ["pumpkin"], 60, 80, ["ポタージュ", "味噌汁"]),
  ing("卵", ["egg"], 25, 40, ["中華スープ", "すまし汁", "コンソメスープ", "味噌汁"]),
  ing("キャベツとベーコン", ["cabbage", "bacon"], 60, 80, ["コンソメスープ"]),
  ing("根菜たっぷり", ["root_vegetables"], 70, 60, ["豚汁"]),
  ing("白菜と春雨", ["napa_cabbage", "harusame"], 45, 50, ["中華スープ"]),
  ing("とうもろこし", ["corn"], 70, 90, ["ポタージュ", "コンソメスープ"]),
  ing("あさり", ["clam"], 120, 30, ["味噌汁", "すまし汁"]),
  ing("豆腐となめこ", ["tofu", "nameko"], 60, 40, ["味噌汁"]),
  ing("鶏むね肉と野菜", ["chicken_breast"], 70, 80, ["中華スープ", "コンソメスープ"]),
  ing("トマトと卵", ["tomato", "egg"], 50, 60, ["中華スープ", "コンソメスープ"]),
];

const DESSERT_METHODS: Method[] = [
  { name: "プリン", key: "pudding", words: ["pudding", "custard"], minutes: [30, 60], yen: 50, kcal: 150 },
  { name: "ゼリー", key: "jelly", words: ["jelly"], minutes: [15, 30], yen: 40, kcal: 80 },
  { name: "パンナコッタ", key: "panna_cotta", words: ["panna cotta"], minutes: [15, 30], yen: 70, kcal: 200 },
  {
    name: "蒸しパン",
    key: "steamed_cake",
    words: ["steamed cake", "steamed bun"],
    minutes: [20, 30],
    yen: 30,
    kcal: 180,
  },
  { name: "マフィン", key: "muffin", words: ["muffin", "muffins"], minutes: [35, 50], yen: 40, kcal: 250 },
  { name: "クッキー", key: "cookie", words: ["cookie", "cookies", "biscuits"], minutes: [40, 60], yen: 30, kcal: 160 },
  {
    name: "チーズケーキ",
    key: "cheesecake",
    words: ["ケーキ", "cheesecake", "cake"],
    minutes: [60, 90],
    yen: 120,
    kcal: 320,
  },
  {
    name: "白玉",
    key: "shiratama",
    words: ["白玉団子", "shiratama", "dumplings"],
    minutes: [15, 20],
    yen: 30,
    kcal: 140,
  },
];
const DESSERT_INGREDIENTS: Ingredient[] = [
  ing("抹茶", ["matcha"], 60, 10, ["プリン", "パンナコッタ", "蒸しパン", "クッキー", "白玉", "チーズケーキ"]),
  ing("チョコ", ["chocolate"], 50, 80, ["マフィン", "クッキー", "プリン", "蒸しパン"]),
  ing("いちご", ["strawberry"], 90, 20, ["ゼリー", "パンナコッタ", "チーズケーキ"]),
  ing("バナナ", ["banana"], 30, 50, ["マフィン", "蒸しパン", "クッキー"]),
  ing("かぼちゃ", ["pumpkin"], 40, 50, ["プリン", "蒸しパン", "マフィン", "チーズケーキ"]),
  ing("紅茶", ["black_tea"], 30, 5, ["ゼリー", "クッキー", "パンナコッタ"]),
  ing("きなこ", ["kinako"], 20, 40, ["白玉", "クッキー", "プリン"]),
  ing("りんご", ["apple"], 60, 40, ["ゼリー", "マフィン", "蒸しパン"]),
  ing("コーヒー", ["coffee"], 30, 5, ["ゼリー", "プリン"]),
];

const no = (i: string, m: string) => `${i}の${m}`;

export const DISH_TEMPLATES: DishTemplate[] = [
  ...combine("主菜", MAIN_INGREDIENTS, MAIN_METHODS, no),
  ...combine("副菜", SIDE_INGREDIENTS, SIDE_METHODS, no),
  ...combine("主食", STAPLE_INGREDIENTS, STAPLE_METHODS, (i, m) => `${i}${m}`),
  ...combine("汁物", SOUP_INGREDIENTS, SOUP_METHODS, no),
  ...combine("デザート", DESSERT_INGREDIENTS, DESSERT_METHODS, (i, m) => `${i}${m}`),
];
