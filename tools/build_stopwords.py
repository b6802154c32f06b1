"""Build boilerstrip/data/stopwords.json from jusText's frequency-ordered stop lists.

Why: stop-word density is the most language-neutral signal of running prose; jusText
ships lists for 100 languages (BSD licence). We keep the most frequent words of the
languages news is written in, so the data file stays small. Reproducible:
``python tools/build_stopwords.py`` (needs jusText installed, it comes with trafilatura).
"""

from __future__ import annotations

import json
import pathlib
import sys

TOP = 200
LANGS = {
    "af": "Afrikaans",
    "ar": "Arabic",
    "bg": "Bulgarian",
    "bn": "Bengali",
    "ca": "Catalan",
    "cs": "Czech",
    "cy": "Welsh",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "eo": "Esperanto",
    "es": "Spanish",
    "et": "Estonian",
    "eu": "Basque",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "gl": "Galician",
    "he": "Hebrew",
    "hi": "Hindi",
    "hr": "Croatian",
    "hu": "Hungarian",
    "hy": "Armenian",
    "id": "Indonesian",
    "is": "Icelandic",
    "it": "Italian",
    "ka": "Georgian",
    "kk": "Kazakh",
    "ko": "Korean",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mk": "Macedonian",
    "mr": "Marathi",
    "ms": "Malay",
    "nb": "Norwegian_Bokmal",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sq": "Albanian",
    "sr": "Serbian",
    "sv": "Swedish",
    "sw": "Swahili",
    "ta": "Tamil",
    "te": "Telugu",
    "tl": "Tagalog",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "uz": "Uzbek",
    "vi": "Vietnamese",
}
# Languages written without spaces: frequent function characters instead of words.
CHARS = {
    # Simplified and traditional forms, so Taiwanese and Hong Kong pages measure alike.
    "zh": "的了是在和有我他这中不为也就对说与等将被从而到以及其但都要个们来着没还把让向于之已所"
    "這為對說與將從們個來著沒還讓於",
    "ja": "のにはをがでてともたしれさいるかなだすこうありまよりへや",
}


def main() -> None:
    import justext  # noqa: F401  (located through its package path only)

    root = pathlib.Path(sys.modules["justext"].__file__).parent / "stoplists"
    words = {}
    for code, name in LANGS.items():
        lines = (root / f"{name}.txt").read_text(encoding="utf-8").split()
        seen: list[str] = []
        for w in lines:
            w = w.lower().strip(".")
            if w and w not in seen:
                seen.append(w)
            if len(seen) == TOP:
                break
        words[code] = seen
    out = pathlib.Path(__file__).resolve().parents[1] / "boilerstrip" / "data" / "stopwords.json"
    out.write_text(
        json.dumps({"words": words, "chars": CHARS}, ensure_ascii=False, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {out} ({out.stat().st_size} bytes, {len(words)} word lists)")


if __name__ == "__main__":
    main()
