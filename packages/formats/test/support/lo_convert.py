#!/usr/bin/env python3
"""
Opens Word files in a headless LibreOffice through UNO, as a reader of our exports would: optionally
accepts or rejects every tracked change (.uno:AcceptAllTrackedChanges / .uno:RejectAllTrackedChanges),
then stores the text as LibreOffice's "Text" filter writes it, and reports what LibreOffice saw: the
tracked changes (count, authors, dates) and the footnotes' texts, which the text filter leaves out.

Usage: python3 lo_convert.py <jobs.json>
  jobs.json: [{"in": "/abs/a.docx", "out": "/abs/a.txt", "changes": "accept" | "reject" | "keep",
               "stripComments": true | false}, ...]
Prints one JSON object: {"jobs": [{"in", "redlines", "authors", "dates", "footnotes", "error"?}]}.

stripComments: LibreOffice 7.4 (Debian 12) crashes when a DOCX with comments is opened through UNO
(the UNO bridge is disposed mid-call; `soffice --convert-to` opens the same files, but mislays
footnotes). Our exports have no comments for that reason; the option opens a copy without them
(comment parts, their relationship and content type, the anchors in document.xml), for files from
elsewhere.

One LibreOffice process serves every job (it costs seconds to start), with its own user profile and
pipe name so parallel runs never share one.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
import re
import zipfile

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start_office():
    profile = tempfile.mkdtemp(prefix="lo-accord-")
    pipe = "accord" + uuid.uuid4().hex
    soffice = shutil.which("soffice") or "soffice"
    # A fresh profile makes LibreOffice restart itself once, which would drop our connection: let it
    # create the profile and exit first.
    subprocess.run(
        [soffice, "-env:UserInstallation=file://" + profile, "--headless", "--terminate_after_init"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    office = subprocess.Popen(
        [
            soffice,
            "-env:UserInstallation=file://" + profile,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except NoConnectException:
            if time.time() > deadline or office.poll() is not None:
                office.kill()
                raise RuntimeError("LibreOffice did not start")
            time.sleep(0.2)
    return office, profile, ctx


COMMENT_MARKUP = re.compile(r"<w:commentRangeStart\b[^>]*/>|<w:commentRangeEnd\b[^>]*/>|<w:r><w:commentReference\b[^>]*/></w:r>")
COMMENT_PARTS = re.compile(r"^word/(_rels/)?comments[A-Za-z]*\.xml(\.rels)?$")


def without_comments(path, workdir):
    copy = os.path.join(workdir, "nocomments-" + uuid.uuid4().hex + ".docx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
        for name in src.namelist():
            if COMMENT_PARTS.match(name):
                continue
            data = src.read(name)
            if name == "word/document.xml":
                data = COMMENT_MARKUP.sub("", data.decode("utf-8")).encode("utf-8")
            elif name == "word/_rels/document.xml.rels":
                data = re.sub(r'<Relationship [^>]*Target="comments[A-Za-z]*\.xml"/>', "", data.decode("utf-8")).encode("utf-8")
            elif name == "[Content_Types].xml":
                data = re.sub(r'<Override [^>]*PartName="/word/comments[A-Za-z]*\.xml"/>', "", data.decode("utf-8")).encode("utf-8")
            out.writestr(name, data)
    return copy


def run_job(ctx, desktop, dispatcher, job, workdir):
    source = without_comments(job["in"], workdir) if job.get("stripComments") else job["in"]
    url = uno.systemPathToFileUrl(os.path.abspath(source))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True), prop("ReadOnly", False)))
    if doc is None:
        return {"in": job["in"], "error": "LibreOffice could not open the file"}
    try:
        redlines = doc.getRedlines()
        seen = []
        it = redlines.createEnumeration()
        while it.hasMoreElements():
            r = it.nextElement()
            d = r.getPropertyValue("RedlineDateTime")
            seen.append(
                {
                    "type": r.getPropertyValue("RedlineType"),
                    "author": r.getPropertyValue("RedlineAuthor"),
                    "date": "%04d-%02d-%02dT%02d:%02d:%02d" % (d.Year, d.Month, d.Day, d.Hours, d.Minutes, d.Seconds),
                }
            )
        frame = doc.getCurrentController().getFrame()
        if job.get("changes") == "accept":
            dispatcher.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
        elif job.get("changes") == "reject":
            dispatcher.executeDispatch(frame, ".uno:RejectAllTrackedChanges", "", 0, ())
        footnotes = []
        notes = doc.getFootnotes()
        for i in range(notes.getCount()):
            footnotes.append(notes.getByIndex(i).getString())
        left = doc.getRedlines().getCount()
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(job["out"])), (prop("FilterName", "Text"),))
        return {
            "in": job["in"],
            "redlines": len(seen),
            "redlinesLeft": left,
            "types": sorted(set(r["type"] for r in seen)),
            "authors": sorted(set(r["author"] for r in seen)),
            "dates": sorted(set(r["date"] for r in seen)),
            "footnotes": footnotes,
        }
    finally:
        doc.close(True)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    office, profile, ctx = start_office()
    workdir = tempfile.mkdtemp(prefix="lo-accord-jobs-")
    try:
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        results = []
        for job in jobs:
            try:
                results.append(run_job(ctx, desktop, dispatcher, job, workdir))
            except Exception as error:  # reported per job: one bad file must not hide the others' results
                results.append({"in": job["in"], "error": repr(error)})
        print(json.dumps({"jobs": results}))
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge goes down with the office; terminate() often raises as it does
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
