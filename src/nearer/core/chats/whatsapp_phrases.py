"""What WhatsApp writes in place of a message, per app language.

Compared case-insensitively after trimming spaces and a final full stop. The lists cover
English, German, Spanish, French, Portuguese, Italian, Dutch and Russian; a line in another
language is still handled by its shape (an Android system line has no ``name:``), only an
iOS placeholder in another language would be read as a one-word text message.
"""

from __future__ import annotations

import numpy as np

from nearer.core.arrays import Bytes, Flags, Ints, Keys

# Android writes one placeholder for any attachment it left out of the export.
MEDIA_ANDROID = (
    "<Media omitted>",
    "<Medien ausgeschlossen>",
    "<Multimedia omitido>",
    "<Archivo omitido>",
    "<Médias omis>",
    "<Fichier omis>",
    "<Mídia oculta>",
    "<Multimédia omitido>",
    "<Media omessi>",
    "<Media weggelaten>",
    "<Без медиафайлов>",
    "<Медиафайлы опущены>",
    "null",
)

# iOS names the kind of attachment.
MEDIA_IOS = (
    "image omitted",
    "video omitted",
    "audio omitted",
    "sticker omitted",
    "GIF omitted",
    "document omitted",
    "Contact card omitted",
    "photo omitted",
    "Bild weggelassen",
    "Video weggelassen",
    "Audio weggelassen",
    "Sticker weggelassen",
    "GIF weggelassen",
    "Dokument weggelassen",
    "Kontaktkarte weggelassen",
    "imagen omitida",
    "video omitido",
    "audio omitido",
    "sticker omitido",
    "GIF omitido",
    "documento omitido",
    "tarjeta de contacto omitida",
    "image absente",
    "vidéo absente",
    "audio omis",
    "autocollant omis",
    "GIF retiré",
    "document omis",
    "fiche contact omise",
    "imagem ocultada",
    "vídeo omitido",
    "áudio ocultado",
    "figurinha omitida",
    "documento ocultado",
    "cartão de contato omitido",
    "immagine omessa",
    "video omesso",
    "audio omesso",
    "sticker omesso",
    "GIF omessa",
    "documento omesso",
    "scheda contatto omessa",
    "afbeelding weggelaten",
    "video weggelaten",
    "audio weggelaten",
    "sticker weggelaten",
    "GIF weggelaten",
    "document weggelaten",
    "contactkaart weggelaten",
    "изображение отсутствует",
    "видео отсутствует",
    "аудио отсутствует",
    "стикер отсутствует",
    "GIF отсутствует",
    "документ отсутствует",
)

# iOS "<attached: 00000012-PHOTO-2021-01-01-10-00-00.jpg>" and its translations.
ATTACHED_PREFIXES = (
    "<attached:",
    "<angehängt:",
    "<adjunto:",
    "<pièce jointe",
    "<anexado:",
    "<allegato:",
    "<bijgevoegd:",
    "<прикреплено:",
    "<вложение:",
)

DELETED = (
    "This message was deleted",
    "You deleted this message",
    "Diese Nachricht wurde gelöscht",
    "Du hast diese Nachricht gelöscht",
    "Se eliminó este mensaje",
    "Eliminaste este mensaje",
    "Este mensaje fue eliminado",
    "Ce message a été supprimé",
    "Vous avez supprimé ce message",
    "Mensagem apagada",
    "Você apagou esta mensagem",
    "Esta mensagem foi apagada",
    "Apagou esta mensagem",
    "Questo messaggio è stato eliminato",
    "Hai eliminato questo messaggio",
    "Dit bericht is verwijderd",
    "Je hebt dit bericht verwijderd",
    "Данное сообщение удалено",
    "Вы удалили данное сообщение",
    "Это сообщение удалено",
)

# Appended to the text of an edited message.
EDITED = (
    "<This message was edited>",
    "<Diese Nachricht wurde bearbeitet>",
    "<Se editó este mensaje.>",
    "<Mensaje editado>",
    "<Ce message a été modifié>",
    "<Mensagem editada>",
    "<Questo messaggio è stato modificato>",
    "<Messaggio modificato>",
    "<Dit bericht is bewerkt>",
    "<Сообщение изменено>",
)

# Events iOS writes with a sender (the chat's name) in front; Android writes them without.
SYSTEM_STARTS = (
    "Messages and calls are end-to-end encrypted",
    "Messages to this chat and calls are now secured with end-to-end encryption",
    "Messages to this group are now secured with end-to-end encryption",
    "Missed voice call",
    "Missed video call",
    "Voice call",
    "Video call",
    "Your security code with",
    "You blocked this contact",
    "You unblocked this contact",
    "Waiting for this message",
    "This chat is with a business account",
    # WhatsApp Business notices, written under the business's name on iOS.
    "This business uses a secure service from Meta to manage this chat",
    "This business now uses a secure service from Meta to manage this chat",
    "This business uses a secure service from Meta to manage this call",
    "Your business uses a secure service from Meta to manage this chat",
    "This business is working with other companies to manage this chat",
    "This business works with other companies to manage this chat",
    "This chat is now with a business account",
    "This business account has now registered as a standard account",
    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
    "Verpasster Sprachanruf",
    "Verpasster Videoanruf",
    "Sprachanruf",
    "Videoanruf",
    "Dein Sicherheitscode für",
    "Los mensajes y las llamadas están cifrados de extremo a extremo",
    "Llamada perdida",
    "Videollamada perdida",
    "Llamada de voz",
    "Videollamada",
    "Tu código de seguridad con",
    "Les messages et les appels sont chiffrés de bout en bout",
    "Appel vocal manqué",
    "Appel vidéo manqué",
    "Appel vocal",
    "Appel vidéo",
    "Votre code de sécurité avec",
    "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta",
    "Chamada de voz perdida",
    "Chamada de vídeo perdida",
    "Chamada de voz",
    "Chamada de vídeo",
    "Seu código de segurança com",
    "I messaggi e le chiamate sono crittografati end-to-end",
    "Chiamata vocale persa",
    "Videochiamata persa",
    "Chiamata vocale",
    "Videochiamata",
    "Il tuo codice di sicurezza con",
    "Berichten en oproepen worden end-to-end versleuteld",
    "Gemiste spraakoproep",
    "Gemiste video-oproep",
    "Spraakoproep",
    "Video-oproep",
    "Je beveiligingscode met",
    "Сообщения и звонки защищены сквозным шифрованием",
    "Пропущенный аудиозвонок",
    "Пропущенный видеозвонок",
    "Аудиозвонок",
    "Видеозвонок",
    "Ваш код безопасности для",
)

# Pieces of group and contact events. Used only on what would otherwise be a sender's name,
# which happens when such an event line contains ": " (a group subject with a colon).
SYSTEM_FRAGMENTS = (
    " created group",
    " changed the subject",
    " changed this group",
    " joined using",
    " changed their phone number",
    " changed the group",
    " hat die Gruppe",
    " hat den Betreff",
    " hinzugefügt",
    " entfernt",
    " creó el grupo",
    " cambió el asunto",
    " añadió",
    " eliminó a",
    " a créé le groupe",
    " a modifié le sujet",
    " a ajouté",
    " a retiré",
    " criou o grupo",
    " mudou o assunto",
    " adicionou",
    " removeu",
    " ha creato il gruppo",
    " ha cambiato l'oggetto",
    " ha aggiunto",
    " ha rimosso",
    " heeft de groep",
    " heeft het onderwerp",
    " heeft toegevoegd",
    " heeft verwijderd",
    " создал(а) группу",
    " изменил(а) тему",
    " добавил(а)",
    " удалил(а)",
)


def _key(text: str) -> str:
    return " ".join(text.strip().rstrip(".").split()).casefold()


MEDIA_KEYS = frozenset(_key(p) for p in MEDIA_ANDROID + MEDIA_IOS)
DELETED_KEYS = frozenset(_key(p) for p in DELETED)
SYSTEM_START_KEYS = tuple(_key(p) for p in SYSTEM_STARTS)


def classify_text(text: str) -> str:
    """ "media", "deleted", "system" or "text" for the text WhatsApp wrote after ``name:``."""
    key = _key(text)
    if key in MEDIA_KEYS or key.startswith(tuple(p.casefold() for p in ATTACHED_PREFIXES)):
        return "media"
    if key.endswith(("document omitted", "dokument weggelassen", "documento omitido")):
        return "media"
    if key in DELETED_KEYS:
        return "deleted"
    if key.startswith(SYSTEM_START_KEYS) and _call_or_notice(key):
        return "system"
    return "text"


def _call_or_notice(key: str) -> bool:
    # "Voice call" alone (or "Voice call, 2 min") is an event; "voice call me later" is text.
    for start in SYSTEM_START_KEYS:
        if key.startswith(start):
            rest = key[len(start) :]
            return rest == "" or rest[0] in ",.;:•(-–" or len(start) > 25
    return False


def strip_edited(text: str) -> tuple[str, bool]:
    """Remove a trailing edited marker; say whether there was one."""
    stripped = text.rstrip()
    for marker in EDITED:
        if stripped.casefold().endswith(marker.casefold()):
            return stripped[: len(stripped) - len(marker)].rstrip(), True
    return text, False


def is_system_name(name: str) -> bool:
    """A would-be sender name that is really part of a group or contact event."""
    folded = f" {name.casefold()} "
    return len(name) > 60 or any(f.casefold() in folded for f in SYSTEM_FRAGMENTS)


# -- finding the few texts worth classifying, for a whole file at once -----------------


def _window8(buf: Bytes, at: Ints, length: Ints) -> Keys:
    """The first min(length, 8) bytes at each offset, as little-endian uint64 keys.

    ``buf`` must have at least 8 bytes of padding after the data (it has 64).
    """
    window = np.ndarray(shape=(buf.shape[0] - 7,), dtype=np.uint64, buffer=buf, strides=(1,))
    masks = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=np.uint64)
    result: Keys = window[at] & masks[np.minimum(length, 8)]
    return result


def _phrase_keys() -> tuple[Keys, Flags]:
    variants: set[bytes] = set()
    for phrase in MEDIA_ANDROID + MEDIA_IOS + ATTACHED_PREFIXES + DELETED + SYSTEM_STARTS:
        for v in (phrase, phrase.lower(), phrase[:1].upper() + phrase[1:]):
            variants.add(v.encode()[:8])
    keys = [int.from_bytes(v.ljust(8, b"\0"), "little") for v in variants]
    # First two bytes of every phrase: a 64 KB table that rules out most texts at once.
    firsts: Flags = np.zeros(1 << 16, dtype=bool)
    for raw in variants:
        firsts[int.from_bytes(raw[:2].ljust(2, b"\0"), "little")] = True
    return np.array(sorted(keys), dtype=np.uint64), firsts


_PHRASE_KEYS, _PHRASE_FIRSTS = _phrase_keys()


def special_candidates(buf: Bytes, start: Ints, end: Ints, is_message: Flags) -> Ints:
    """Rows whose text might be a placeholder, a deletion, an event or carry an edited marker.

    A numpy pre-filter on the first two, then eight bytes and the last byte of each text, so
    that only a few rows are looked at in Python.
    """
    length = end - start
    two = buf[start].astype(np.intp) | (buf[start + 1].astype(np.intp) << 8)
    two = np.where(length >= 2, two, two & 0xFF)
    rows = np.flatnonzero(_PHRASE_FIRSTS[two] & is_message & (length > 0))
    key = _window8(buf, start[rows], length[rows])
    at = np.minimum(np.searchsorted(_PHRASE_KEYS, key), _PHRASE_KEYS.shape[0] - 1)
    maybe = np.zeros(start.shape[0], dtype=bool)
    maybe[rows[_PHRASE_KEYS[at] == key]] = True
    maybe |= (buf[np.maximum(end - 1, 0)] == 62) & is_message & (length > 0)
    return np.flatnonzero(maybe)
