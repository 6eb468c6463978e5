"""Result formats of the image plugin, without Qt: COCO, YOLO, YOLO-seg, Pascal VOC, own JSON.

Every format carries the provenance of :meth:`ExportContext.header` (pack id, version, content
hash, instructions hash, tool, the states chosen) and each image's item state. The core gives
an exporter the records in the states chosen (``--states``, default submitted); the folder
formats write the layout their trainer reads, with the images that belong and only those
(``export_layouts.py``), COCO writes one image entry per item (``export_coco.py``). The formats
and what each cannot carry are in ``docs/image.md`` and ``docs/interop.md``.
"""
from __future__ import annotations

from annotator.plugin_api import Exporter, ExportOption, own_json_exporter, translatable
from annotator.plugin_api.layout import DEFAULT_SEED, DEFAULT_VAL
from annotator_image.export_coco import write_coco
from annotator_image.export_layouts import _yolo_writer, write_voc

VAL = ExportOption("val", "the fraction of items in the validation set, chosen by item id and --seed", "float",
                   DEFAULT_VAL, "FRACTION")
SEED = ExportOption("seed", "the seed of the train/validation split (the same seed, the same split)", "int",
                    DEFAULT_SEED, "N")
LINK = ExportOption("link-media", "hard-link the images to the pack's instead of copying them (copied where "
                                  "the file system refuses)", "flag", False)
KEEP = ExportOption("keep-format", "keep PNG, TIFF, WebP and BMP images as they are in JPEGImages/ instead of "
                                   "converting them to JPEG", "flag", False)


def exporters() -> list[Exporter]:
    return [
        Exporter("coco", translatable("COCO JSON: boxes and polygons (bbox, area, segmentation) with one image entry "
                                      "per item; points as keypoints in NAME.keypoints.json"), ".json", write_coco),
        Exporter("yolo", translatable("YOLO folder for ultralytics: data.yaml, images/ and labels/ split into train "
                                      "and val (boxes; polygons as their boxes)"), "", _yolo_writer(False),
                 writes_folder=True, options=(VAL, SEED, LINK)),
        Exporter("yolo-seg", translatable("YOLO segmentation folder: the same layout, polygons as polygons (boxes as "
                                          "4 corners)"),
                 "", _yolo_writer(True), writes_folder=True, options=(VAL, SEED, LINK)),
        Exporter("voc", translatable("Pascal VOC folder: JPEGImages/, Annotations/ (1-based boxes), ImageSets/Main/ "
                                     "train and val"),
                 "", write_voc, writes_folder=True, options=(VAL, SEED, LINK, KEEP)),
        own_json_exporter(),
    ]
