"""Benchmark of ``oahandbook audit``, run on demand (not part of the test suite).

    bash scripts/dev exec python bench/audit.py                 # 20,000 drafts, every path
    bash scripts/dev exec python bench/audit.py --files 2000 --keep /tmp/archive

Generates an archive of published articles (realistic Chinese campus and government news
prose; most drafts clean, a few with the violations a quarterly audit finds: absolute terms in
promotion, a phone number, an ID number, a share-for-a-prize offer, a clickbait title, an
external link, rarely an illegal offer) in a temporary folder, one top folder per account and
a month each, then audits it and prints, for each path, the wall time, files/s, MB/s and the
peak resident memory of the largest process (``resource.getrusage(RUSAGE_CHILDREN)`` of a
fresh wrapper process, so each figure is that run's own):

- ``audit --jobs 1`` and ``--jobs 2`` (the CLI: HTML report and JSON Lines written);
- ``audit --jobs 1`` on a tenth of the archive (memory should not grow with the archive);
- ``report`` rebuilding the HTML from the JSON Lines;
- Dask: ``dask.bag`` with the ``processes`` scheduler (2 workers), and a
  ``distributed.LocalCluster`` of 2 worker processes when distributed is installed.

The machine this was written for has 2 cores: the whole run takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ACCOUNTS = ["学校官微", "团委", "图书馆", "招生办", "研究生院", "后勤集团", "校医院", "就业指导中心"]
TITLES = [
    "本周校园动态",
    "图书馆开放时间调整通知",
    "关于做好秋季学期开学工作的通知",
    "第十届校园科技节圆满落幕",
    "寒假离校安全提示",
    "研究生招生复试安排",
    "食堂新学期服务安排",
    "志愿服务队走进社区",
    "毕业生就业双选会邀请函",
    "校医院流感疫苗接种安排",
]
SENTENCES = [
    "为进一步做好新学期各项工作，学校近日召开专题会议，对教学、后勤和安全工作作出部署。",
    "会议强调，各单位要压实责任，细化措施，确保各项工作有序推进。",
    "本次活动由校团委主办，吸引了来自全校二十多个学院的三百余名同学参加。",
    "图书馆自下周一起延长自习室开放时间，周一至周五开放至晚上十点半。",
    "请同学们合理安排学习时间，离开时带走个人物品，保持室内整洁。",
    "近日，我校志愿服务队走进周边社区，为老年居民讲解防范电信诈骗的常识。",
    "活动现场，志愿者们结合真实案例，提醒大家不要轻信陌生来电，不要向他人透露验证码。",
    "学校高度重视毕业生就业工作，本学期已举办专场招聘会十二场，提供岗位四千余个。",
    "就业指导中心提醒毕业生，要通过正规渠道求职，警惕以培训为名收取费用的招聘信息。",
    "校医院将于本月中旬开展流感疫苗接种，师生可凭校园卡到门诊二楼登记。",
    "接种前请如实告知健康状况，接种后在现场留观三十分钟。",
    "研究生复试将采取线上与线下相结合的方式进行，具体安排以各学院通知为准。",
    "考生须提前调试设备，确保网络畅通，复试期间不得录音录像。",
    "后勤集团对三个食堂进行了升级改造，新增特色窗口六个，就餐环境明显改善。",
    "食堂将继续实行明码标价，欢迎师生通过意见箱提出意见和建议。",
    "科技节期间共举办讲座、展览和竞赛等活动二十余项，参与师生超过五千人次。",
    "获奖作品涵盖人工智能、新材料、环境保护等多个领域，展示了同学们的创新能力。",
    "寒假将至，学校提醒同学们离校前关闭宿舍电源，锁好门窗，妥善保管贵重物品。",
    "返乡途中请选择正规交通工具，注意人身和财产安全，遇到困难及时与辅导员联系。",
    "学校将持续优化服务流程，推动更多事项网上办理，让师生少跑腿。",
    "欢迎广大师生关注本公众号，及时了解学校最新动态。",
    "本学期共有来自十五个国家和地区的留学生在我校学习，学校为他们安排了中文辅导课程。",
    "学院邀请行业专家走进课堂，与同学们分享一线工作经验。",
    "运动会将于下月初举行，各学院报名工作已经启动，请有意参赛的同学向班长报名。",
]
# (kind, text, in the title?) — each drawn with the probability beside it.
VIOLATIONS = [
    (0.05, "本店商品全网最低价，欢迎选购。"),  # AD01, a warning
    (0.02, "联系人：张老师，电话 13812345678。"),  # PI03, a warning
    (0.01, "身份证号 11010519491231002X 的同学请到教务处领取证书。"),  # PI01, an error
    (0.015, "转发本文到朋友圈并集赞 30 个，即可领取精美礼品一份。"),  # IN01, an error
    (0.04, "报名请访问 https://example.com/form 填写表格。"),  # LK01, a suggestion
    (0.002, "出售四六级答案，保过，私聊。"),  # PC08, an error
]
CLICKBAIT = "震惊！"  # IN02 in a title, a warning


def generate(root: Path, files: int, seed: int = 20261201) -> tuple[int, bool]:
    """Write ``files`` drafts under ``root``; returns (bytes written, dated by front matter)."""
    from oahandbook.article.models import FrontMatter

    dated = "date" in FrontMatter.model_fields  # a draft may carry its date only if the format has one
    rng = random.Random(seed)
    size = 0
    for i in range(files):
        account = ACCOUNTS[i % len(ACCOUNTS)] if rng.random() > 0.3 else ACCOUNTS[0]
        month = f"2025-{rng.randint(1, 12):02d}"
        day = rng.randint(1, 28)
        title = rng.choice(TITLES)
        if rng.random() < 0.01:
            title = CLICKBAIT + title
        paragraphs = []
        for _ in range(rng.randint(3, 7)):
            paragraphs.append("".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 5))))
        for probability, text in VIOLATIONS:
            if rng.random() < probability:
                at = rng.randrange(len(paragraphs))
                paragraphs[at] += text
        front = [
            "---",
            f"title: {title}",
            f"author: {account}",
            "cover: https://mp.weixin.qq.com/cover.png",
            f"digest: {paragraphs[0][:40]}",
        ]
        if dated:
            front.append(f"date: {month}-{day:02d}")
        text = "\n".join([*front, "---", "", f"# {title}", "", *("\n\n".join(paragraphs).splitlines())]) + "\n"
        path = root / account / month[:4] / f"{month}-{day:02d}-{i:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
        if not dated:
            when = time.mktime(time.strptime(f"{month}-{day:02d} 10:00", "%Y-%m-%d %H:%M"))
            os.utime(path, (when, when))
    return size, dated


# A fresh wrapper process per measurement: RUSAGE_CHILDREN then holds that run's processes only.
WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
wall = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{wall} {rss} {done.returncode}")
if done.returncode > 1:
    print(done.stderr[-2000:], file=sys.stderr)
"""

DASK = """
import sys, time
from oahandbook import Checker
from oahandbook.outputs.audit_dask import archive_paths, audit_with_dask

def main():
    root, mode = sys.argv[1], sys.argv[2]
    checker = Checker.for_directory(root)
    checker.min_severity = "warning"
    paths = archive_paths([root], checker)
    start = time.perf_counter()
    if mode == "processes":
        audit = audit_with_dask(paths, checker, root=root, scheduler="processes", num_workers=2)
    else:
        from distributed import Client, LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            with Client(cluster):
                audit = audit_with_dask(paths, checker, root=root)
    print(time.perf_counter() - start, audit.files, audit.levels["errors"], file=sys.stderr)

if __name__ == "__main__":
    main()
"""


def measure(label: str, command: list[str], files: int, size: int, cwd: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], cwd=cwd, capture_output=True, text=True, check=True
    )
    wall, rss, code = done.stdout.split()
    if int(code) > 1:
        print(f"{label}: exit {code}\n{done.stderr}", file=sys.stderr)
    row = {
        "path": label,
        "seconds": float(wall),
        "files_per_s": files / float(wall),
        "mb_per_s": size / 1e6 / float(wall),
        "peak_rss_mb": int(rss) / 1024,
        "exit": int(code),
    }
    print(
        f"{label:<44} {row['seconds']:7.1f} s {row['files_per_s']:8.0f} files/s "
        f"{row['mb_per_s']:6.2f} MB/s  peak RSS {row['peak_rss_mb']:6.0f} MB  exit {code}",
        flush=True,
    )
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=20_000, help="drafts to generate (default 20,000)")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep it (default: a temporary folder)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask paths")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="oahandbook-audit-"))
    work.mkdir(parents=True, exist_ok=True)
    (work / ".git").mkdir(exist_ok=True)  # config discovery stops here
    root = work / "archive"
    try:
        if root.exists():
            shutil.rmtree(root)
        start = time.perf_counter()
        size, dated = generate(root, args.files)
        print(
            f"archive: {args.files:,} drafts, {size / 1e6:.1f} MB, {len(ACCOUNTS)} accounts, "
            f"dated by {'front matter' if dated else 'file time'}; generated in {time.perf_counter() - start:.1f} s; "
            f"{os.cpu_count()} cores, load {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
            flush=True,
        )
        oahandbook = str(Path(sys.executable).with_name("oahandbook"))
        rows = []
        for jobs in (1, 2):
            rows.append(
                measure(
                    f"audit --jobs {jobs} (HTML + JSON Lines)",
                    [oahandbook, "audit", "archive", "--jobs", str(jobs), "-o", "r.html", "--jsonl", "r.jsonl"],
                    args.files,
                    size,
                    work,
                )
            )
        tenth = ACCOUNTS[1:2]  # one account of eight, about a tenth of the files
        small = sum(1 for _ in (root / tenth[0]).rglob("*.md"))
        small_size = sum(p.stat().st_size for p in (root / tenth[0]).rglob("*.md"))
        rows.append(
            measure(
                f"audit --jobs 1 on {small:,} files (memory check)",
                [oahandbook, "audit", f"archive/{tenth[0]}", "--root", "archive", "-o", "small.html"],
                small,
                small_size,
                work,
            )
        )
        rows.append(
            measure(
                "report from the JSON Lines", [oahandbook, "report", "r.jsonl", "-o", "r2.html"], args.files, size, work
            )
        )
        same = (work / "r.html").read_bytes() == (work / "r2.html").read_bytes()
        print(f"report == audit's own HTML: {same}", flush=True)
        if not args.no_dask:
            try:
                import dask  # noqa: F401
            except ImportError:
                print("dask is not installed (pip install 'oahandbook[dask]'): Dask paths skipped")
            else:
                rows.append(
                    measure(
                        "dask.bag, processes scheduler, 2 workers",
                        [sys.executable, "-c", DASK, "archive", "processes"],
                        args.files,
                        size,
                        work,
                    )
                )
                try:
                    import distributed  # noqa: F401
                except ImportError:
                    print("distributed is not installed: LocalCluster skipped")
                else:
                    rows.append(
                        measure(
                            "dask.distributed LocalCluster, 2 workers",
                            [sys.executable, "-c", DASK, "archive", "cluster"],
                            args.files,
                            size,
                            work,
                        )
                    )
        if args.json:
            Path(args.json).write_text(json.dumps({"files": args.files, "mb": size / 1e6, "runs": rows}, indent=2))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
