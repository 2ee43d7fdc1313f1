/**
 * The demo store's catalog: 60 outdoor-gear products with the SEO gaps real catalogs have. About a quarter have no
 * meta tags at all, some titles and meta descriptions run past what Google shows, colour variants share one meta
 * title, a few products reuse a sibling's meta description, a third of the images have no alt text, and some
 * descriptions are a single line. A handful are already in good shape, so the audit has something to praise.
 *
 * Images are small inline SVGs, so the demo shows thumbnails with no network. Ids are stable across restarts.
 */

export interface FixtureImage {
  id: string;
  url: string;
  alt: string;
}

export interface FixtureProduct {
  id: string;
  title: string;
  handle: string;
  descriptionHtml: string;
  productType: string;
  vendor: string;
  seo: { title: string | null; description: string | null };
  images: FixtureImage[];
}

interface Spec {
  title: string;
  type: string;
  vendor: string;
  /** Sentences of the description; the first one says what the product is. */
  about: string[];
  /** Spec lines shown as a list (left out for thin descriptions). */
  specs?: string[];
  /** Only the first sentence is published: a thin description. */
  thin?: boolean;
  seoTitle?: string;
  seoDescription?: string;
  /** Alt text per image; "" = missing. */
  alts: string[];
}

const COLOURS: Record<string, string> = {
  Tents: "#4a7c59",
  "Sleeping Bags": "#5b6c9e",
  "Sleeping Pads": "#c2794a",
  Backpacks: "#8a5a44",
  Jackets: "#b23a48",
  "Base Layers": "#6d597a",
  Footwear: "#5c4d3c",
  "Trekking Poles": "#3d5a80",
  Headlamps: "#e0a100",
  "Stoves & Cookware": "#7f7f7f",
  Hydration: "#2a9d8f",
  Accessories: "#264653",
};

/** A small product placeholder: the product type's colour, a mountain line and the image number. */
function placeholderImage(type: string, index: number): string {
  const colour = COLOURS[type] ?? "#577590";
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">` +
    `<rect width="160" height="160" rx="12" fill="${colour}"/>` +
    `<path d="M16 124 L60 60 L84 92 L104 70 L144 124 Z" fill="#ffffff" fill-opacity="0.85"/>` +
    `<circle cx="118" cy="42" r="12" fill="#ffffff" fill-opacity="0.6"/>` +
    `<text x="80" y="150" font-family="sans-serif" font-size="14" fill="#ffffff" text-anchor="middle">${index + 1}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function handleOf(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The closing paragraph the store writes for every product of a type (care, warranty, what's included). */
const GOOD_TO_KNOW: Record<string, string> = {
  Tents:
    "Every tent ships with pegs, guylines, a stuff sack and a field repair kit, and is covered by our lifetime warranty against manufacturing defects.",
  "Sleeping Bags":
    "Store it loose in the included cotton storage sack, wash it rarely with a down-safe wash, and it will keep its loft for many seasons.",
  "Sleeping Pads":
    "A patch kit and a stuff sack are included; store it unrolled with the valve open so the foam and fabric last longer.",
  Backpacks:
    "Every pack comes with a rain cover pocket, hydration sleeve and our lifetime warranty; our repair service fixes worn buckles for free.",
  Jackets:
    "Wash it at 30 °C with a technical wash and tumble dry low to restore the water-repellent finish. Covered by our two-year warranty.",
  "Base Layers":
    "Wash cool, dry flat and it will keep its shape; merino and recycled fibres are traceable to the farm or the bottle they came from.",
  Footwear:
    "Sizes run true; if you are between sizes or wear thick socks, go half a size up. Free exchanges within 60 days, worn outdoors or not.",
  "Trekking Poles":
    "Replacement tips, baskets and sections are sold separately, so one broken section never means a new pair. Two-year warranty.",
  Headlamps:
    "Charges fully in about three hours over USB-C; the battery indicator shows the charge left, and the beam steps down before it runs out.",
  "Stoves & Cookware":
    "Works with standard screw-on gas canisters; never use it inside a tent. Dishwasher safe except for the stove itself.",
  Hydration:
    "Rinse after use and dry open; replacement seals and filter cartridges are sold separately. BPA-free and food safe.",
  Accessories:
    "Small, light and easy to forget until you need it: we recommend keeping one in every pack. Covered by our two-year warranty.",
};

function descriptionHtmlOf(spec: Spec): string {
  if (spec.thin) return `<p>${spec.about[0]}</p>`;
  const list = spec.specs?.length ? `<ul>${spec.specs.map((line) => `<li>${line}</li>`).join("")}</ul>` : "";
  const closing = GOOD_TO_KNOW[spec.type] ? `<p>${GOOD_TO_KNOW[spec.type]}</p>` : "";
  return `<p>${spec.about.join(" ")}</p>${list}${closing}`;
}

const SPECS: Spec[] = [
  // ─── Tents ───
  {
    title: "Ridgeline 2 Tent",
    type: "Tents",
    vendor: "Alpine Supply",
    about: [
      "A freestanding three-season tent for two that weighs just 1.6 kg.",
      "Two doors and two vestibules mean nobody climbs over anyone at night, and colour-coded aluminium poles pitch it in under five minutes.",
      "The ripstop fly has taped seams and mesh inner walls keep condensation down on still nights.",
    ],
    specs: [
      "Packed weight: 1.6 kg",
      "Floor area: 2.8 m²",
      "Peak height: 102 cm",
      "Fly: 20D ripstop nylon, 3,000 mm coating",
    ],
    seoTitle: "Ridgeline 2 – Lightweight 2-Person Backpacking Tent",
    seoDescription:
      "A freestanding 3-season tent for two at 1.6 kg, with two doors, two vestibules and aluminium poles. Pitch fast, sleep dry.",
    alts: [
      "Ridgeline 2 Tent pitched with both doors closed, side view",
      "Ridgeline 2 Tent vestibule opened with boots stored inside",
      "",
    ],
  },
  {
    title: "Ridgeline 3 Tent",
    type: "Tents",
    vendor: "Alpine Supply",
    about: [
      "The three-person version of our best-selling freestanding tent, at 2.1 kg.",
      "Extra floor width fits three standard pads side by side, and two large doors keep late-night exits quiet.",
    ],
    specs: ["Packed weight: 2.1 kg", "Floor area: 3.9 m²", "Peak height: 110 cm"],
    seoTitle: "Ridgeline 2 – Lightweight 2-Person Backpacking Tent",
    seoDescription:
      "A freestanding 3-season tent for two at 1.6 kg, with two doors, two vestibules and aluminium poles. Pitch fast, sleep dry.",
    alts: ["", ""],
  },
  {
    title: "Summit Storm 2 Four-Season Mountaineering Tent with Snow Flaps and Vestibule",
    type: "Tents",
    vendor: "Northwall",
    about: [
      "A four-season geodesic tent built for exposed camps above the treeline.",
      "Four crossing poles shed wind from any direction, snow flaps take a buried skirt, and the inner pitches first or together with the fly.",
      "Two vents high on the fly clear frost from the walls overnight.",
    ],
    specs: ["Packed weight: 3.2 kg", "Poles: 4 × DAC Featherlite", "Fly: 40D silicone nylon"],
    seoTitle: "Summit Storm 2 Four-Season Mountaineering Tent with Snow Flaps, Vestibule and Four Poles",
    seoDescription: "Summit Storm 2 tent.",
    alts: ["", "", ""],
  },
  {
    title: "Trailhead Ultralight Tarp",
    type: "Tents",
    vendor: "Alpine Supply",
    about: ["A 340 g flat tarp for fast-and-light trips."],
    thin: true,
    alts: [""],
  },
  {
    title: "Basecamp 4 Family Tent",
    type: "Tents",
    vendor: "Pine & Peak",
    about: [
      "A tall, roomy tunnel tent for four, made for car camping and long weekends.",
      "You can stand up inside, two bedrooms separate with a zip divider, and the big porch takes chairs and a table out of the rain.",
      "Pitches fly-first in wet weather so the bedrooms stay dry.",
    ],
    specs: ["Sleeps: 4", "Peak height: 195 cm", "Weight: 11.4 kg"],
    alts: ["Basecamp 4 Family Tent pitched on grass with the porch open", ""],
  },
  {
    title: "Bivy Shelter Pro",
    type: "Tents",
    vendor: "Northwall",
    about: ["A waterproof, breathable bivy bag for alpine starts and emergency nights."],
    thin: true,
    seoTitle: "Bivy Shelter Pro",
    alts: [""],
  },
  // ─── Sleeping bags ───
  {
    title: "Glacier -10 Down Sleeping Bag",
    type: "Sleeping Bags",
    vendor: "Northwall",
    about: [
      "A mummy bag filled with 800-fill responsibly sourced down, comfortable to -10 °C.",
      "A draught collar and a shaped hood seal in warmth, and a full-length two-way zip vents on milder nights.",
      "It packs to the size of a loaf of bread in the included compression sack.",
    ],
    specs: ["Comfort: -10 °C", "Fill: 800 FP RDS down, 700 g", "Weight: 1.25 kg"],
    seoTitle: "Glacier -10 Down Sleeping Bag – 800-Fill Mummy Bag",
    seoDescription:
      "Stay warm to -10 °C in an 800-fill down mummy bag with a draught collar, shaped hood and two-way zip. Packs down small for winter trips.",
    alts: [
      "Glacier -10 Down Sleeping Bag laid flat, hood up",
      "Compression sack for the Glacier -10 sleeping bag, packed",
    ],
  },
  {
    title: "Glacier 0 Down Sleeping Bag",
    type: "Sleeping Bags",
    vendor: "Northwall",
    about: [
      "The three-season sibling of the Glacier -10, comfortable to 0 °C at just 850 g.",
      "Same 800-fill down, same draught collar, less weight for spring and autumn nights.",
    ],
    specs: ["Comfort: 0 °C", "Weight: 850 g"],
    seoDescription:
      "Stay warm to -10 °C in an 800-fill down mummy bag with a draught collar, shaped hood and two-way zip. Packs down small for winter trips.",
    alts: ["", ""],
  },
  {
    title: "Campfire Rectangular Sleeping Bag",
    type: "Sleeping Bags",
    vendor: "Pine & Peak",
    about: ["A roomy synthetic bag for car camping."],
    thin: true,
    alts: ["sleeping bag"],
  },
  {
    title: "Featherline Quilt 350",
    type: "Sleeping Bags",
    vendor: "Alpine Supply",
    about: [
      "An ultralight down quilt for side sleepers and thru-hikers who hate feeling trapped.",
      "Pad straps hold it in place, a footbox closes with a drawcord, and the open back saves the weight insulation crushed underneath would waste.",
    ],
    specs: ["Weight: 520 g", "Comfort: 4 °C", "Fill: 850 FP down"],
    alts: [""],
  },
  {
    title: "Kids Explorer Sleeping Bag",
    type: "Sleeping Bags",
    vendor: "Pine & Peak",
    about: [
      "A warm, washable synthetic sleeping bag sized for children from 6 to 12.",
      "The inside pocket holds a torch, and the printed star map lining makes bedtime in a tent something to look forward to.",
      "Machine washable at 30 °C.",
    ],
    specs: ["Length: 170 cm", "Comfort: 5 °C", "Weight: 1.1 kg"],
    seoTitle: "Kids Explorer Sleeping Bag – Warm Synthetic Bag for Ages 6–12",
    seoDescription:
      "A washable synthetic sleeping bag sized for kids aged 6 to 12, comfortable to 5 °C, with a torch pocket and a star map lining.",
    alts: [
      "Kids Explorer Sleeping Bag unzipped showing the star map lining",
      "Child reading inside the Kids Explorer Sleeping Bag in a tent",
    ],
  },
  // ─── Sleeping pads ───
  {
    title: "AirCell Insulated Sleeping Pad",
    type: "Sleeping Pads",
    vendor: "Alpine Supply",
    about: [
      "A 7 cm air pad with an R-value of 4.2 for three-season comfort on cold ground.",
      "Reflective baffles bounce heat back up, and the flat valve inflates it in twelve breaths with the included pump sack.",
    ],
    specs: ["R-value: 4.2", "Thickness: 7 cm", "Weight: 480 g"],
    seoTitle: "AirCell Insulated Sleeping Pad – R 4.2, 480 g",
    seoDescription:
      "A 7 cm thick air pad with an R-value of 4.2 and reflective baffles for warm, quiet nights on cold ground. Inflates in twelve breaths.",
    alts: ["AirCell Insulated Sleeping Pad inflated, top view", ""],
  },
  {
    title: "AirCell Lite Sleeping Pad",
    type: "Sleeping Pads",
    vendor: "Alpine Supply",
    about: ["A summer-weight air pad at 350 g."],
    thin: true,
    seoTitle: "AirCell Insulated Sleeping Pad – R 4.2, 480 g",
    alts: [""],
  },
  {
    title: "Closed-Cell Foam Pad",
    type: "Sleeping Pads",
    vendor: "Pine & Peak",
    about: [
      "An indestructible folding foam pad that works as a sit mat, a pack frame and a backup bed.",
      "Egg-crate ridges trap warm air, and the reflective side adds warmth when it faces up.",
    ],
    specs: ["R-value: 2.0", "Weight: 410 g"],
    alts: ["", ""],
  },
  {
    title: "Self-Inflating Camp Mattress XL",
    type: "Sleeping Pads",
    vendor: "Pine & Peak",
    about: [
      "A 10 cm self-inflating foam mattress for car camping that feels like a bed at home.",
      "Open the two valves and it fills itself in minutes; the brushed top stays quiet and warm against a sleeping bag.",
      "A repair kit and a storage bag are included.",
    ],
    specs: ["Thickness: 10 cm", "Size: 198 × 76 cm", "Weight: 2.6 kg"],
    seoTitle: "Self-Inflating Camp Mattress XL – 10 cm Thick Car Camping Sleeping Pad",
    alts: [""],
  },
  // ─── Backpacks ───
  {
    title: "Traverse 45 Backpack",
    type: "Backpacks",
    vendor: "Alpine Supply",
    about: [
      "A 45-litre pack for long weekends and hut-to-hut treks.",
      "The ventilated back panel adjusts to your torso, the lid converts to a hip pack for summit runs, and the side zip reaches the bottom of the pack without unpacking.",
      "Made from recycled 210D nylon with a PFC-free water-repellent finish.",
    ],
    specs: ["Volume: 45 L", "Weight: 1.4 kg", "Back length: adjustable, 42–52 cm"],
    seoTitle: "Traverse 45 – Adjustable 45 L Trekking Backpack",
    seoDescription:
      "A 45-litre trekking pack with an adjustable ventilated back, side access zip and a lid that turns into a hip pack. Recycled, PFC-free fabric.",
    alts: ["Traverse 45 Backpack front view, fully packed", "Traverse 45 Backpack adjustable back panel", ""],
  },
  {
    title: "Traverse 65 Backpack",
    type: "Backpacks",
    vendor: "Alpine Supply",
    about: [
      "The expedition-size Traverse, with 65 litres and a load-lifter harness built for 20 kg loads.",
      "A removable frame sheet, a sleeping bag compartment and hip-belt pockets big enough for a phone.",
    ],
    specs: ["Volume: 65 L", "Weight: 1.9 kg"],
    seoDescription:
      "A 45-litre trekking pack with an adjustable ventilated back, side access zip and a lid that turns into a hip pack. Recycled, PFC-free fabric.",
    alts: ["", "", ""],
  },
  {
    title: "Daytripper 22 Daypack",
    type: "Backpacks",
    vendor: "Pine & Peak",
    about: ["A light 22-litre daypack with a hydration sleeve."],
    thin: true,
    alts: [""],
  },
  {
    title: "Summit Run Vest 12",
    type: "Backpacks",
    vendor: "Northwall",
    about: [
      "A 12-litre running vest that carries a full mountain kit without bouncing.",
      "Two soft flasks ride on the chest, stretch pockets swallow a jacket, and the pole holster takes folded poles on the go.",
    ],
    specs: ["Volume: 12 L", "Weight: 290 g", "Flasks: 2 × 500 ml included"],
    seoTitle: "Summit Run Vest 12 – Trail Running Hydration Vest",
    seoDescription: "A 12 L trail running vest.",
    alts: ["Summit Run Vest 12 front view with two soft flasks", "Summit Run Vest 12 worn by a runner on a ridge"],
  },
  {
    title: "Kids Trail Backpack 14",
    type: "Backpacks",
    vendor: "Pine & Peak",
    about: [
      "A 14-litre backpack sized for young hikers, with a chest strap and a reflective trim.",
      "A whistle on the sternum strap and a name label inside the lid.",
    ],
    specs: ["Volume: 14 L", "Ages: 5–10"],
    alts: [""],
  },
  {
    title: "Waterproof Roll-Top Dry Bag Backpack 30L for Kayaking, Canoeing and Wet Weather Hiking",
    type: "Backpacks",
    vendor: "Pine & Peak",
    about: [
      "A welded, fully waterproof 30-litre roll-top pack for paddling and wet-weather days.",
      "Roll it three times and clip it shut: the contents stay dry even if the bag goes overboard.",
    ],
    specs: ["Volume: 30 L", "Waterproof: IPX6 with roll closed"],
    alts: ["", ""],
  },
  // ─── Jackets ───
  {
    title: "Stormline Rain Jacket – Red",
    type: "Jackets",
    vendor: "Northwall",
    about: [
      "A three-layer waterproof shell that breathes on steep climbs and shrugs off all-day rain.",
      "Pit zips dump heat, the helmet-compatible hood adjusts with one hand, and the jacket packs into its own chest pocket.",
      "PFC-free membrane rated 20,000 mm.",
    ],
    specs: ["Waterproof: 20,000 mm", "Breathability: 20,000 g/m²/24h", "Weight: 390 g"],
    seoTitle: "Stormline Rain Jacket",
    seoDescription: "Waterproof, breathable and packable: the Stormline keeps you dry on the wettest days.",
    alts: [
      "Stormline Rain Jacket in red, front view",
      "Stormline Rain Jacket hood adjusted over a climbing helmet",
      "",
    ],
  },
  {
    title: "Stormline Rain Jacket – Blue",
    type: "Jackets",
    vendor: "Northwall",
    about: [
      "A three-layer waterproof shell that breathes on steep climbs and shrugs off all-day rain.",
      "Pit zips dump heat, the helmet-compatible hood adjusts with one hand, and the jacket packs into its own chest pocket.",
      "PFC-free membrane rated 20,000 mm.",
    ],
    specs: ["Waterproof: 20,000 mm", "Breathability: 20,000 g/m²/24h", "Weight: 390 g"],
    seoTitle: "Stormline Rain Jacket",
    seoDescription: "Waterproof, breathable and packable: the Stormline keeps you dry on the wettest days.",
    alts: ["", "", ""],
  },
  {
    title: "Stormline Rain Jacket – Black",
    type: "Jackets",
    vendor: "Northwall",
    about: [
      "A three-layer waterproof shell that breathes on steep climbs and shrugs off all-day rain.",
      "Pit zips dump heat, the helmet-compatible hood adjusts with one hand, and the jacket packs into its own chest pocket.",
      "PFC-free membrane rated 20,000 mm.",
    ],
    specs: ["Waterproof: 20,000 mm", "Breathability: 20,000 g/m²/24h", "Weight: 390 g"],
    seoTitle: "Stormline Rain Jacket",
    seoDescription: "Waterproof, breathable and packable: the Stormline keeps you dry on the wettest days.",
    alts: ["", ""],
  },
  {
    title: "Cloudrest Down Jacket",
    type: "Jackets",
    vendor: "Alpine Supply",
    about: [
      "A 700-fill down jacket that weighs 340 g and packs into a fist-sized stuff sack.",
      "Box-wall baffles across the chest stop cold spots, and the hem cinches from inside the hand pockets.",
    ],
    specs: ["Fill: 700 FP RDS down", "Weight: 340 g"],
    seoTitle: "Cloudrest Down Jacket – Packable 700-Fill Insulated Jacket",
    seoDescription:
      "A 340 g, 700-fill down jacket with box-wall baffles across the chest and an inside hem cinch. Packs into a fist-sized stuff sack for any trip.",
    alts: ["Cloudrest Down Jacket front view", "Cloudrest Down Jacket packed into its stuff sack"],
  },
  {
    title: "Cloudrest Down Vest",
    type: "Jackets",
    vendor: "Alpine Supply",
    about: ["The Cloudrest's warmth without the sleeves."],
    thin: true,
    alts: [""],
  },
  {
    title: "Ridgeback Softshell Jacket",
    type: "Jackets",
    vendor: "Northwall",
    about: [
      "A stretchy, wind-resistant softshell for cold, dry days on the move.",
      "It breathes far better than a hardshell, sheds light snow and showers, and the brushed inside feels warm against a base layer.",
      "Two chest pockets sit above a hip belt.",
    ],
    specs: ["Weight: 480 g", "Fabric: 4-way stretch woven"],
    alts: ["", ""],
  },
  {
    title: "Fleece Midlayer 200",
    type: "Jackets",
    vendor: "Pine & Peak",
    about: [
      "A classic 200-weight fleece jacket made from recycled bottles.",
      "Warm when damp, quick to dry and tough enough for years of campfires.",
    ],
    specs: ["Fabric: 200 g/m² recycled polyester fleece"],
    seoTitle: "Fleece Midlayer 200 | Pine & Peak Outdoor Clothing Store – Free Shipping Over $50",
    alts: ["fleece"],
  },
  {
    title: "Windshell Anorak",
    type: "Jackets",
    vendor: "Pine & Peak",
    about: ["A 95 g wind shirt that stuffs into its own pocket."],
    thin: true,
    alts: [""],
  },
  // ─── Base layers ───
  {
    title: "Merino 150 Crew",
    type: "Base Layers",
    vendor: "Alpine Supply",
    about: [
      "A lightweight 150 g/m² merino wool base layer that stays fresh for days.",
      "Flatlock seams won't rub under a pack, and the longer back hem stays tucked in when you bend.",
      "Merino from non-mulesed sheep.",
    ],
    specs: ["Fabric: 100% merino, 150 g/m²", "Fit: slim"],
    seoTitle: "Merino 150 Crew – Lightweight Merino Wool Base Layer Top",
    seoDescription:
      "A 150 g/m² merino wool crew that stays fresh for days, with flatlock seams that won't rub under a pack. For hiking, running and travel.",
    alts: ["Merino 150 Crew base layer, front view", "Close-up of the flatlock seams on the Merino 150 Crew"],
  },
  {
    title: "Merino 250 Zip Neck",
    type: "Base Layers",
    vendor: "Alpine Supply",
    about: [
      "A midweight merino base layer with a long zip for venting on the climb.",
      "Thumb loops keep the sleeves down under gloves.",
    ],
    specs: ["Fabric: 100% merino, 250 g/m²"],
    seoDescription:
      "A 150 g/m² merino wool crew that stays fresh for days, with flatlock seams that won't rub under a pack. For hiking, running and travel.",
    alts: [""],
  },
  {
    title: "Merino 150 Leggings",
    type: "Base Layers",
    vendor: "Alpine Supply",
    about: ["Lightweight merino leggings for cold starts."],
    thin: true,
    alts: [""],
  },
  {
    title: "Synthetic Tech Tee",
    type: "Base Layers",
    vendor: "Pine & Peak",
    about: [
      "A fast-wicking synthetic tee for hot hikes and trail runs.",
      "Odour-control yarn keeps it fresher than plain polyester, and it dries in minutes on a pack strap.",
    ],
    specs: ["Fabric: recycled polyester", "Weight: 110 g"],
    alts: ["", ""],
  },
  {
    title: "Thermal Hiking Socks (3-Pack)",
    type: "Base Layers",
    vendor: "Pine & Peak",
    about: [
      "Three pairs of cushioned merino-blend hiking socks.",
      "Padding where boots rub, a seamless toe and an elastic arch band that stops slipping.",
    ],
    specs: ["Blend: 60% merino, 38% nylon, 2% elastane"],
    seoTitle: "Thermal Hiking Socks (3-Pack) – Cushioned Merino Blend",
    alts: [""],
  },
  // ─── Footwear ───
  {
    title: "Trailblazer Mid GTX Hiking Boot",
    type: "Footwear",
    vendor: "Northwall",
    about: [
      "A waterproof mid-cut hiking boot that needs almost no breaking in.",
      "The lugged rubber outsole grips wet rock, a heel counter locks the foot on descents, and the membrane keeps feet dry through streams and bogs.",
      "Resoleable by our repair service.",
    ],
    specs: ["Weight: 1,180 g per pair (UK 8)", "Membrane: waterproof, breathable", "Drop: 12 mm"],
    seoTitle: "Trailblazer Mid GTX – Waterproof Hiking Boots",
    seoDescription:
      "Waterproof mid-cut hiking boots with a lugged rubber outsole for wet rock and a heel counter for steep descents. Comfortable from the first day.",
    alts: [
      "Trailblazer Mid GTX Hiking Boot, side view",
      "Lugged outsole of the Trailblazer Mid GTX",
      "Trailblazer boots crossing a stream",
    ],
  },
  {
    title: "Trailblazer Low Hiking Shoe",
    type: "Footwear",
    vendor: "Northwall",
    about: ["The Trailblazer's grip in a light, low-cut shoe."],
    thin: true,
    seoTitle: "Trailblazer Mid GTX – Waterproof Hiking Boots",
    alts: ["", ""],
  },
  {
    title: "Skyrunner Trail Running Shoe",
    type: "Footwear",
    vendor: "Alpine Supply",
    about: [
      "A light, grippy trail shoe for fast days on technical ground.",
      "A rock plate under the forefoot, 5 mm lugs and a snug heel make it confident on scree, mud and roots.",
    ],
    specs: ["Weight: 290 g (UK 8)", "Drop: 6 mm", "Lugs: 5 mm"],
    alts: ["", "", ""],
  },
  {
    title: "Camp Slide Sandal",
    type: "Footwear",
    vendor: "Pine & Peak",
    about: ["Soft recovery slides for the end of the day."],
    thin: true,
    alts: [""],
  },
  {
    title: "Insulated Winter Boot -30",
    type: "Footwear",
    vendor: "Northwall",
    about: [
      "A fully waterproof winter boot insulated to -30 °C for snowshoeing and cold camps.",
      "A removable felt liner dries overnight in your sleeping bag, and the Arctic grip sole holds on packed snow.",
    ],
    specs: ["Rated: -30 °C", "Liner: removable wool felt"],
    seoTitle: "Insulated Winter Boot -30 – Waterproof Snow Boots Rated to -30 °C",
    seoDescription:
      "Waterproof winter boots insulated to -30 °C with a removable felt liner and an Arctic grip sole for packed snow. Ideal for snowshoeing, winter camping and cold mornings.",
    alts: ["Insulated Winter Boot -30, side view", ""],
  },
  {
    title: "Gaiters Alpine",
    type: "Footwear",
    vendor: "Northwall",
    about: [
      "Knee-high waterproof gaiters that keep snow, mud and scree out of your boots.",
      "A full-length front zip with a storm flap, a reinforced instep strap and a hook that grips your laces.",
    ],
    specs: ["Height: 40 cm", "Weight: 220 g per pair"],
    alts: [""],
  },
  // ─── Trekking poles ───
  {
    title: "Carbon Trek Poles",
    type: "Trekking Poles",
    vendor: "Alpine Supply",
    about: [
      "A pair of three-section carbon trekking poles at 420 g.",
      "Flick locks set the length in a second, cork grips stay comfortable when your hands sweat, and the tips swap for rubber feet on tarmac.",
    ],
    specs: ["Weight: 420 g per pair", "Length: 100–135 cm"],
    seoTitle: "Carbon Trek Poles – Lightweight Adjustable Trekking Poles",
    seoDescription:
      "A 420 g pair of adjustable carbon trekking poles with flick locks and cork grips. Take the strain off knees on long descents.",
    alts: ["Carbon Trek Poles, pair, extended", "Cork grip and strap of the Carbon Trek Poles"],
  },
  {
    title: "Aluminium Trek Poles",
    type: "Trekking Poles",
    vendor: "Pine & Peak",
    about: ["Tough, adjustable aluminium trekking poles."],
    thin: true,
    seoDescription:
      "A 420 g pair of adjustable carbon trekking poles with flick locks and cork grips. Take the strain off knees on long descents.",
    alts: [""],
  },
  {
    title: "Z-Fold Running Poles",
    type: "Trekking Poles",
    vendor: "Northwall",
    about: [
      "Folding poles for trail running and fastpacking that collapse to 38 cm.",
      "Pull the top section and a tensioned cord snaps them rigid; they stow in a running vest's holster in seconds.",
    ],
    specs: ["Weight: 300 g per pair", "Folded: 38 cm"],
    alts: ["", ""],
  },
  // ─── Headlamps ───
  {
    title: "Beacon 400 Headlamp",
    type: "Headlamps",
    vendor: "Alpine Supply",
    about: [
      "A 400-lumen rechargeable headlamp with a red night mode and a lock-out switch.",
      "USB-C charging, an IPX4 rating and a beam that throws 90 metres for night navigation.",
    ],
    specs: ["Output: 400 lm", "Battery: 1,500 mAh, USB-C", "Weight: 78 g"],
    alts: ["Beacon 400 Headlamp, front view", ""],
  },
  {
    title: "Beacon 900 Headlamp",
    type: "Headlamps",
    vendor: "Alpine Supply",
    about: ["Our brightest headlamp: 900 lumens."],
    thin: true,
    alts: [""],
  },
  {
    title: "Camp Lantern Mini",
    type: "Headlamps",
    vendor: "Pine & Peak",
    about: [
      "A palm-sized rechargeable lantern that lights a whole tent with warm, even light.",
      "Hang it from the tent loop or stand it on a table; it doubles as a power bank in a pinch.",
    ],
    specs: ["Output: 200 lm", "Runtime: up to 60 h"],
    seoTitle: "Camp Lantern Mini – Rechargeable Tent Lantern and Power Bank",
    seoDescription:
      "A palm-sized rechargeable lantern with warm, even light for tents and camp tables, up to 60 hours of runtime, and a power bank for your phone.",
    alts: ["Camp Lantern Mini glowing inside a tent at dusk"],
  },
  // ─── Stoves & cookware ───
  {
    title: "Pocket Rocket Canister Stove",
    type: "Stoves & Cookware",
    vendor: "Alpine Supply",
    about: [
      "A 73 g canister stove that boils a litre of water in three and a half minutes.",
      "The serrated pot supports hold small and wide pots, and the flame simmers low enough for real cooking.",
    ],
    specs: ["Weight: 73 g", "Boil time: 3.5 min / 1 L"],
    seoTitle: "Pocket Rocket Canister Stove – 73 g Backpacking Stove",
    seoDescription:
      "A 73 g backpacking stove that boils a litre in 3.5 minutes and simmers low enough to cook. Fits standard screw-on gas canisters.",
    alts: ["Pocket Rocket Canister Stove on a gas canister", ""],
  },
  {
    title: "Titanium Pot 750",
    type: "Stoves & Cookware",
    vendor: "Alpine Supply",
    about: ["A 750 ml titanium pot with a lid and folding handles."],
    thin: true,
    alts: [""],
  },
  {
    title: "Family Cook Set",
    type: "Stoves & Cookware",
    vendor: "Pine & Peak",
    about: [
      "A nesting cook set for four: two pots, a frying pan, four bowls and four mugs.",
      "Hard-anodised aluminium heats evenly, and everything packs inside the largest pot with a stuff sack.",
    ],
    specs: ["Pieces: 12", "Weight: 1.3 kg"],
    alts: ["", ""],
  },
  {
    title: "Insulated Camp Mug",
    type: "Stoves & Cookware",
    vendor: "Pine & Peak",
    about: [
      "A double-walled stainless steel mug that keeps coffee hot through breakfast.",
      "The sliding lid stops splashes and the mug fits most canister stove kits.",
    ],
    specs: ["Capacity: 350 ml"],
    seoTitle: "Insulated Camp Mug",
    seoDescription: "Hot coffee at camp.",
    alts: [""],
  },
  {
    title: "Spork Titanium",
    type: "Stoves & Cookware",
    vendor: "Alpine Supply",
    about: ["The only utensil you need."],
    thin: true,
    alts: [""],
  },
  // ─── Hydration ───
  {
    title: "PureFlow Water Filter",
    type: "Hydration",
    vendor: "Northwall",
    about: [
      "A squeeze filter that removes 99.9999% of bacteria and protozoa from streams and lakes.",
      "Screw it onto the included pouch or most bottles and drink straight through; it filters up to 1,000 litres before the cartridge needs changing.",
    ],
    specs: ["Pore size: 0.1 micron", "Capacity: 1,000 L", "Weight: 85 g"],
    seoTitle: "PureFlow Water Filter – Squeeze Filter for Hiking",
    seoDescription:
      "A 85 g squeeze filter that removes 99.9999% of bacteria and protozoa and filters up to 1,000 litres. Drink straight from streams and lakes.",
    alts: ["PureFlow Water Filter screwed onto a soft pouch", ""],
  },
  {
    title: "Collapsible Water Bottle 1L",
    type: "Hydration",
    vendor: "Pine & Peak",
    about: ["A soft bottle that rolls up when empty."],
    thin: true,
    alts: [""],
  },
  {
    title: "Hydration Reservoir 2L",
    type: "Hydration",
    vendor: "Alpine Supply",
    about: [
      "A two-litre reservoir with a wide slide-top opening that is easy to fill and to clean.",
      "The bite valve shuts off with a quarter turn, and the hose quick-disconnects for refills without unthreading it from the pack.",
    ],
    specs: ["Capacity: 2 L", "BPA-free"],
    alts: ["", ""],
  },
  {
    title: "Vacuum Flask 750",
    type: "Hydration",
    vendor: "Northwall",
    about: [
      "A vacuum-insulated steel flask that keeps drinks hot for 24 hours or cold for 48.",
      "The lid is also a cup, and the leak-proof stopper pours with one hand.",
    ],
    specs: ["Capacity: 750 ml", "Weight: 420 g"],
    seoTitle: "Vacuum Flask 750 – 24 h Hot, 48 h Cold Insulated Flask",
    seoDescription:
      "A 750 ml vacuum-insulated steel flask that keeps drinks hot for 24 hours or cold for 48, with a cup lid and a one-hand pour stopper.",
    alts: ["Vacuum Flask 750 with the cup lid beside it"],
  },
  // ─── Accessories ───
  {
    title: "Trail Map Compass",
    type: "Accessories",
    vendor: "Alpine Supply",
    about: [
      "A baseplate compass with a sighting mirror, declination adjustment and map scales.",
      "Liquid-damped needle, luminous markings for night navigation and a lanyard with a ruler.",
    ],
    specs: ["Scales: 1:25,000 and 1:50,000", "Weight: 62 g"],
    alts: [""],
  },
  {
    title: "Emergency Bivvy Bag",
    type: "Accessories",
    vendor: "Northwall",
    about: ["A reflective emergency bag for the bottom of every pack."],
    thin: true,
    alts: [""],
  },
  {
    title: "First Aid Kit Trek",
    type: "Accessories",
    vendor: "Pine & Peak",
    about: [
      "A compact first aid kit organised by injury, for groups of up to four on multi-day trips.",
      "Blister care, wound dressings, a tick remover and a waterproof guide card in a bright, easy-to-find pouch.",
    ],
    specs: ["Items: 58", "Weight: 280 g"],
    seoTitle: "First Aid Kit Trek – Compact Hiking First Aid Kit",
    seoDescription:
      "A 58-piece hiking first aid kit organised by injury: blister care, dressings, a tick remover and a guide card, in a bright 280 g pouch.",
    alts: ["First Aid Kit Trek opened, showing labelled compartments", ""],
  },
  {
    title: "Microfibre Trek Towel",
    type: "Accessories",
    vendor: "Pine & Peak",
    about: [
      "A fast-drying microfibre towel that packs to the size of a fist.",
      "Soft brushed fabric, a hanging loop and an antibacterial finish.",
    ],
    specs: ["Size: 120 × 60 cm", "Weight: 160 g"],
    alts: ["", ""],
  },
  {
    title: "Stuff Sack Set",
    type: "Accessories",
    vendor: "Alpine Supply",
    about: ["Three ultralight stuff sacks in 3, 5 and 8 litres."],
    thin: true,
    seoTitle: "Stuff Sack Set",
    alts: [""],
  },
  {
    title: "Solar Power Bank 10000",
    type: "Accessories",
    vendor: "Northwall",
    about: [
      "A rugged 10,000 mAh power bank with a solar panel for topping up on long trips.",
      "Charges two devices at once over USB-C and USB-A, survives drops and rain, and has a built-in torch.",
    ],
    specs: ["Capacity: 10,000 mAh", "Weight: 290 g", "Rating: IP65"],
    alts: ["", "", ""],
  },
];

const PRODUCT_ID_BASE = 8_100_000_000;
const IMAGE_ID_BASE = 3_100_000_000;

/** The demo catalog as fresh objects (the demo store mutates its copy). */
export function demoCatalogFixtures(): FixtureProduct[] {
  let imageNumber = 0;
  return SPECS.map((spec, index) => ({
    id: `gid://shopify/Product/${PRODUCT_ID_BASE + index + 1}`,
    title: spec.title,
    handle: handleOf(spec.title),
    descriptionHtml: descriptionHtmlOf(spec),
    productType: spec.type,
    vendor: spec.vendor,
    seo: { title: spec.seoTitle ?? null, description: spec.seoDescription ?? null },
    images: spec.alts.map((alt, position) => ({
      id: `gid://shopify/MediaImage/${IMAGE_ID_BASE + ++imageNumber}`,
      url: placeholderImage(spec.type, position),
      alt,
    })),
  }));
}

export const DEMO_CATALOG_SIZE = SPECS.length;
